import Foundation

/// Runs the `trading-bot` executable as a child process with a controlled environment (never the
/// developer's own credentials or config file), stdin from /dev/null unless given, and a timeout.
enum ProcessRunner {
    /// Runs the binary to completion.
    ///
    /// - Parameter terminal: a pseudo-terminal to use as stdin instead (what is typed into it
    ///   is read by the program, which sees a terminal).
    static func run(
        _ arguments: [String], environment: [String: String], stdin: String? = nil, terminal: PseudoTerminal? = nil,
        timeout: Duration = .seconds(90)
    ) async throws -> CommandResult {
        let binary = try TradingBotBinary.locate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = outHandle
        process.standardError = errHandle
        if let terminal {
            process.standardInput = terminal.terminalHandle
        } else if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(stdin.utf8))
            try pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let status = try await ProcessBox(process).runToExit(timeout: timeout)
        try outHandle.close()
        try errHandle.close()
        return CommandResult(
            arguments: arguments, status: status,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }
}
