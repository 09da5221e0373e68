import Foundation
import Testing

/// A limit on how many test cases of this process run at once, applied to a suite with `.gated`.
///
/// Swift Testing starts every test of the process at once. Most of ours cross loopback sockets and
/// child processes, and each has deadlines (an HTTP request's 10 s, a close within 5 s) that assume
/// the test gets the CPU once it starts. With hundreds of them sharing two cores (and Swift
/// concurrency's two threads), a trivial test could wait 50 s for its turn while its deadlines ran
/// (a suite run measured here: `pingIsPong` passed after 51 s, and 59 expectations failed on
/// deadlines across unrelated suites). Behind the gate a test's clock starts when it runs.
///
/// The width is `PX_TEST_CONCURRENCY` when set (1...256), else three per core, at least 4. A test
/// case that runs longer than ``HangWatchdog``'s limit ends the process with its name.
///
/// ```swift
/// @Suite("Faults and control", .gated)
/// struct FaultTests { ... }
/// ```
public struct ConcurrencyGate: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// Gates test cases only: a suite's own scope passes straight through, so that the tests of
    /// one suite queue for the gate individually.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> ConcurrencyGate? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        await Self.gate.acquire()
        let watched = HangWatchdog.shared.started(test.displayName ?? test.name)
        do {
            try await function()
        } catch {
            HangWatchdog.shared.ended(watched)
            await Self.gate.release()
            throw error
        }
        HangWatchdog.shared.ended(watched)
        await Self.gate.release()
    }

    static let width: Int = {
        if let text = ProcessInfo.processInfo.environment["PX_TEST_CONCURRENCY"], let width = Int(text), (1...256).contains(width) {
            return width
        }
        return max(4, ProcessInfo.processInfo.activeProcessorCount * 3)
    }()

    static let gate = AsyncGate(width: width)
}

extension Trait where Self == ConcurrencyGate {
    /// Runs the suite's test cases behind the process-wide ``ConcurrencyGate``.
    public static var gated: ConcurrencyGate { ConcurrencyGate() }
}

/// A counting semaphore for tasks: `acquire` suspends (first come, first served) while `width`
/// holders are inside.
public actor AsyncGate {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init(width: Int) {
        available = max(1, width)
    }

    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
