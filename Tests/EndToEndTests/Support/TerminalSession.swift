import Foundation
import NIOConcurrencyHelpers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `trading-bot` child process with stdout and stderr on one pseudo-terminal, watched while it
/// runs: what it drew so far, waiting for text to appear, resizing the terminal, interrupting it.
/// Killed after `timeout` whatever happens.
///
/// The child does not take the terminal as its controlling terminal, so the kernel does not send
/// it SIGWINCH on a resize; ``resize(rows:columns:)`` sends it, as a terminal emulator's resize
/// reaches the foreground process.
///
/// ```swift
/// let session = try TerminalSession.start(["quote", "MES"], environment: sim.environment, rows: 20, columns: 80)
/// #expect(await session.waitFor { $0.contains("MESZ6") })
/// try session.resize(rows: 20, columns: 50)
/// session.box.interrupt()
/// let status = await session.exitStatus()
/// ```
final class TerminalSession: Sendable {
    let box: ProcessBox
    private let terminal: PseudoTerminal
    private let buffer: Buffer
    private let exited: AsyncStream<Int32>
    private let watchdog: Task<Void, Never>
    private let reader: Task<Void, Never>

    /// What the child wrote, kept for the test's questions.
    final class Buffer: Sendable {
        private let data = NIOLockedValueBox(Data())
        func append(_ bytes: [UInt8]) { data.withLockedValue { $0.append(contentsOf: bytes) } }
        var text: String { String(decoding: data.withLockedValue { $0 }, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n") }
    }

    private init(box: ProcessBox, terminal: PseudoTerminal, buffer: Buffer, exited: AsyncStream<Int32>, watchdog: Task<Void, Never>, reader: Task<Void, Never>) {
        self.reader = reader
        self.box = box
        self.terminal = terminal
        self.buffer = buffer
        self.exited = exited
        self.watchdog = watchdog
    }

    deinit {
        watchdog.cancel()
        box.terminateIfRunning()
    }

    static func start(
        _ arguments: [String], environment: [String: String], rows: UInt16, columns: UInt16, timeout: Duration = .seconds(90)
    ) throws -> TerminalSession {
        let terminal = try PseudoTerminal()
        try terminal.setSize(rows: rows, columns: columns)
        let buffer = Buffer()
        // A thread of its own: a blocking read must not hold one of Swift concurrency's few
        // threads (two on a two-core box) while other tests need them.
        let (finished, done) = AsyncStream<Void>.makeStream()
        let thread = Thread {
            terminal.readOutput { buffer.append($0) }
            done.finish()
        }
        thread.start()
        let reader = Task { for await _ in finished {} }
        let process = Process()
        process.executableURL = try TradingBotBinary.locate()
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = terminal.terminalHandle
        process.standardError = terminal.terminalHandle
        let (exited, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { finished in
            continuation.yield(finished.terminationStatus)
            continuation.finish()
        }
        try process.run()
        let box = ProcessBox(process)
        let watchdog = Task {
            do { try await Task.sleep(for: timeout) } catch { return }
            box.terminateIfRunning()
        }
        return TerminalSession(box: box, terminal: terminal, buffer: buffer, exited: exited, watchdog: watchdog, reader: reader)
    }

    /// Everything drawn so far ("\r\n" read as "\n").
    var text: String {
        get async { buffer.text }
    }

    /// Waits until what was drawn satisfies `condition`, or `limit` passed; returns whether it did.
    func waitFor(within limit: Duration = .seconds(45), _ condition: @Sendable (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition(buffer.text) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(buffer.text)
    }

    /// Resizes the terminal and tells the child (SIGWINCH).
    func resize(rows: UInt16, columns: UInt16) throws {
        try terminal.setSize(rows: rows, columns: columns)
        _ = kill(box.process.processIdentifier, SIGWINCH)
    }

    /// The exit status, once the child has exited; then the terminal is closed.
    func exitStatus() async -> Int32 {
        var status: Int32 = -1
        for await value in exited { status = value }
        // The child is gone; closing the last terminal end makes the controller's read return
        // once it has read everything.
        _ = close(terminal.terminal)
        await reader.value
        _ = close(terminal.controller)
        return status
    }
}
