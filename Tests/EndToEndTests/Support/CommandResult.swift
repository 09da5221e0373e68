import Foundation

/// What one run of `trading-bot` printed and how it exited.
struct CommandResult: Sendable, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stdout: String
    let stderr: String

    /// The non-empty lines of stdout.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// stdout parsed as JSON lines, each an object.
    func jsonObjects() throws -> [[String: Any]] {
        try lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw NotJSON(line: line)
            }
            return object
        }
    }

    /// The single line of stderr (an error line never spans more than one).
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }

    var description: String {
        "trading-bot \(arguments.joined(separator: " ")) -> exit \(status)\n--- stdout:\n\(stdout)--- stderr:\n\(stderr)"
    }

    struct NotJSON: Error, CustomStringConvertible {
        let line: String
        var description: String { "not a JSON object: \(line)" }
    }
}
