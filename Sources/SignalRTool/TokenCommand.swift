import Foundation

/// Runs `/bin/sh -c COMMAND` and returns its trimmed stdout as the access token.
struct TokenCommand {
    let command: String

    func run() async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { process in
                continuation.resume(returning: process.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: ToolFailure("--token-command could not be run: \(error)"))
            }
        }
        let token = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw ToolFailure("--token-command exited with status \(status)" + (message.isEmpty ? "." : ": \(message)"))
        }
        guard !token.isEmpty else {
            throw ToolFailure("--token-command printed no token.")
        }
        return token
    }
}
