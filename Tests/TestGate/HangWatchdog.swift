import Foundation
import NIOConcurrencyHelpers

/// Ends the test process, with the names of the tests still running, when one test case has run
/// longer than any test here may.
///
/// Swift Testing's `.timeLimit` records a failure and cancels the test's task, but waits for the
/// test to return: a wait that ignores cancellation (or loops on its own timeouts) keeps the run
/// going until CI kills it, with no word of which test it was. Behind the ``ConcurrencyGate``
/// every test case is known by name while it runs, so a run that would hang ends with a failure
/// naming the test instead.
///
/// The limit is `PX_TEST_HANG_LIMIT` seconds when set (60...86,400), else 600. The watchdog runs on
/// a thread of its own, so that it still acts when Swift concurrency's threads are all blocked.
final class HangWatchdog: Sendable {
    static let shared = HangWatchdog(limit: {
        if let text = ProcessInfo.processInfo.environment["PX_TEST_HANG_LIMIT"], let seconds = Int(text), (60...86_400).contains(seconds) {
            return .seconds(seconds)
        }
        return .seconds(600)
    }())

    private struct Running {
        var nextId = 0
        var tests: [Int: (name: String, since: ContinuousClock.Instant)] = [:]
        var watching = false
    }

    private let limit: Duration
    // NIOLockedValueBox, not Synchronization.Mutex: Thread Sanitizer sees its pthread mutex.
    private let state = NIOLockedValueBox(Running())

    init(limit: Duration) {
        self.limit = limit
    }

    /// A test case started; returns the token to pass to ``ended(_:)``.
    func started(_ name: String) -> Int {
        let (id, startWatching) = state.withLockedValue { state -> (Int, Bool) in
            state.nextId += 1
            state.tests[state.nextId] = (name, .now)
            defer { state.watching = true }
            return (state.nextId, !state.watching)
        }
        if startWatching { startThread() }
        return id
    }

    func ended(_ id: Int) {
        _ = state.withLockedValue { $0.tests.removeValue(forKey: id) }
    }

    private func startThread() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 15)
                check()
            }
        }
        thread.name = "test-hang-watchdog"
        thread.start()
    }

    private func check() {
        let now = ContinuousClock.now
        let running = state.withLockedValue { $0.tests.values.map { (name: $0.name, age: now - $0.since) } }.sorted { $0.age > $1.age }
        guard let oldest = running.first, oldest.age > limit else { return }
        var report = "HangWatchdog: '\(oldest.name)' has run for \(Int(oldest.age.components.seconds)) s (limit \(Int(limit.components.seconds)) s, PX_TEST_HANG_LIMIT); "
        report += "ending the test process so that the run fails here instead of hanging. Still running:\n"
        for test in running { report += "  \(test.name): \(Int(test.age.components.seconds)) s\n" }
        FileHandle.standardError.write(Data(report.utf8))
        exit(75)
    }
}
