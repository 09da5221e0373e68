import Foundation

/// Runs `/bin/sh -c COMMAND` and returns its trimmed stdout as the access token.
///
/// Both outputs are read while the command runs, each on a queue of its own: a command that
/// prints more than a pipe holds (64 KiB) would otherwise block forever on a full pipe while we
/// waited for it to exit. The reads stop at ``maximumOutput`` bytes or after ``timeout``; then
/// our ends of the pipes are closed (a writer still going gets EPIPE) and the shell is terminated,
/// and the command is an error.
struct TokenCommand {
    let command: String
    var timeout: Duration = .seconds(30)

    /// The most stdout accepted from the command (a JWT is a few kilobytes).
    static let maximumOutput = 1 << 20

    /// How reading one of the command's outputs ended.
    enum ReadEnd: Equatable {
        case finished
        case tooLong
        case timedOut
    }

    func run() async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ToolFailure("--token-command could not be run: \(error)")
        }
        let deadline = ContinuousClock.now + timeout
        async let printed = Self.read(output.fileHandleForReading, limit: Self.maximumOutput, until: deadline, stopping: process)
        async let complaint = Self.read(errors.fileHandleForReading, limit: 4_096, until: deadline, stopping: process)
        let (stdout, stderr) = await (printed, complaint)
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue(label: "TokenCommand.wait").async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        switch stdout.end {
        case .tooLong:
            throw ToolFailure("--token-command printed more than \(Self.maximumOutput) bytes; it must print only the token.")
        case .timedOut:
            throw ToolFailure("--token-command did not finish within \(timeout) and was stopped.")
        case .finished:
            break
        }
        guard status == 0 else {
            let message = String(decoding: stderr.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ToolFailure("--token-command exited with status \(status)" + (message.isEmpty ? "." : ": \(message)"))
        }
        let token = String(decoding: stdout.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw ToolFailure("--token-command printed no token.")
        }
        return token
    }

    /// Reads `handle` on a queue of its own until its end, `limit` bytes, or `deadline`
    /// (polling, so that neither a silent nor an endless writer can hold the read). Then closes
    /// it, so that a writer still going gets EPIPE, and on the limit or the deadline terminates
    /// `process`.
    static func read(_ handle: FileHandle, limit: Int, until deadline: ContinuousClock.Instant, stopping process: Process) async -> (data: Data, end: ReadEnd) {
        let (data, end) = await readUntilEnd(handle, limit: limit, until: deadline)
        try? handle.close()
        if end != .finished, process.isRunning { process.terminate() }
        return (data, end)
    }

    private static func readUntilEnd(_ handle: FileHandle, limit: Int, until deadline: ContinuousClock.Instant) async -> (data: Data, end: ReadEnd) {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "TokenCommand.read").async {
                let descriptor = handle.fileDescriptor
                var data = Data()
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let left = deadline - ContinuousClock.now
                    guard left > .zero else { return continuation.resume(returning: (data, .timedOut)) }
                    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                    let wait = Int32(min(left.components.seconds * 1000 + 1, 1000))
                    let ready = poll(&poller, 1, wait)
                    if ready < 0 && errno == EINTR { continue }
                    if ready == 0 { continue }
                    let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                    if count <= 0 { return continuation.resume(returning: (data, .finished)) }
                    if data.count + count > limit { return continuation.resume(returning: (data, .tooLong)) }
                    data.append(contentsOf: buffer[0..<count])
                }
            }
        }
    }
}
