import Foundation

extension ErrorPresenter {
    /// The error as one JSON object, for `--json`: `{"error":"…","exitCode":65,"reason":"rejected"}`.
    /// The message is already redacted; `reason` names the exit code (see ``ExitReason``).
    static func jsonLine(message: String, status: ExitReason) -> String {
        struct Line: Encodable {
            let error: String
            let exitCode: Int32
            let reason: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let line = Line(error: message, exitCode: status.rawValue, reason: "\(status)")
        // safe: a struct of two strings and an integer always encodes.
        guard let data = try? encoder.encode(line) else { return #"{"error":"unprintable error"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
