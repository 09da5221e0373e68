import Foundation

/// A `trading-bot` child process whose output is read while it runs: a stream to watch line by
/// line, a shell to feed, a process to interrupt. Killed after `timeout` whatever happens.
///
/// ```swift
/// let process = try StreamingProcess.start(["quote", "MES", "--json"], environment: sim.environment)
/// let first = await process.nextLine()
/// process.signal(SIGINT)
/// let status = await process.exitStatus()
/// ```
final class StreamingProcess: Sendable {
    let box: ProcessBox
    let stdout: LineReader
    let stderr: LineReader
    private let exited: AsyncStream<Int32>
    private let watchdog: Task<Void, Never>

    private init(box: ProcessBox, stdout: LineReader, stderr: LineReader, exited: AsyncStream<Int32>, watchdog: Task<Void, Never>) {
        self.box = box
        self.stdout = stdout
        self.stderr = stderr
        self.exited = exited
        self.watchdog = watchdog
    }

    deinit {
        watchdog.cancel()
        box.terminateIfRunning()
    }

    /// Starts the binary with `arguments`, stdin from `stdin` (or /dev/null).
    static func start(
        _ arguments: [String], environment: [String: String], stdin: String? = nil, timeout: Duration = .seconds(60)
    ) throws -> StreamingProcess {
        let process = Process()
        process.executableURL = try TradingBotBinary.locate()
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(stdin.utf8))
            try pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
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
        return StreamingProcess(
            box: box, stdout: LineReader(out.fileHandleForReading), stderr: LineReader(err.fileHandleForReading),
            exited: exited, watchdog: watchdog
        )
    }

    /// The next line of stdout, or nil when stdout closed.
    func nextLine() async -> String? { await stdout.nextLine() }

    /// Reads stdout lines until one satisfies `matches` (returned) or stdout closes (nil); every
    /// line read, the match included, is appended to `seen`.
    func line(where matches: (String) -> Bool, seen: inout [String]) async -> String? {
        while let line = await stdout.nextLine() {
            seen.append(line)
            if matches(line) { return line }
        }
        return nil
    }

    /// Reads stderr lines until one contains `text`; nil when stderr closed first.
    func stderrLine(containing text: String) async -> String? {
        while let line = await stderr.nextLine() {
            if line.contains(text) { return line }
        }
        return nil
    }

    /// Every remaining line of stdout.
    func remainingLines() async -> [String] {
        var lines: [String] = []
        while let line = await stdout.nextLine() { lines.append(line) }
        return lines
    }

    /// Every remaining line of stderr.
    func remainingErrors() async -> [String] {
        var lines: [String] = []
        while let line = await stderr.nextLine() { lines.append(line) }
        return lines
    }

    func signal(_ number: Int32) {
        if box.process.isRunning { kill(box.process.processIdentifier, number) }
    }

    /// Waits for the process to end; its exit status.
    func exitStatus() async -> Int32 {
        var status: Int32 = -1
        for await code in exited { status = code }
        return status
    }
}
