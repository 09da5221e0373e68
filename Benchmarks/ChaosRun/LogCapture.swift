import Foundation
import Logging
import NIOConcurrencyHelpers

/// Collects every log line of the run so that it can be searched for secrets afterwards, and
/// optionally echoes them to stderr.
final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    let echo: Bool
    let level: Logger.Level

    init(echo: Bool, level: Logger.Level) {
        self.echo = echo
        self.level = level
    }

    func record(_ line: String) {
        lines.withLockedValue { $0.append(line) }
        if echo { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    var count: Int { lines.withLockedValue { $0.count } }

    /// Lines containing something shaped like a JWT (`eyJ….….…`) or one of `secrets`.
    func leaks(secrets: [String]) -> [String] {
        let all = lines.withLockedValue { $0 }
        return all.filter { line in
            Self.containsJWT(line) || secrets.contains { !$0.isEmpty && line.contains($0) }
        }
    }

    static func containsJWT(_ text: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: "eyJ") {
            let candidate = rest[range.lowerBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            if candidate.split(separator: ".").count >= 3, candidate.count > 30 { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    func handler(label: String) -> any LogHandler {
        CapturingLogHandler(label: label, capture: self, logLevel: level)
    }
}

/// A swift-log handler that writes into a ``LogCapture``.
struct CapturingLogHandler: LogHandler {
    let label: String
    let capture: LogCapture
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.record("\(event.level) \(label): \(event.message)\(rendered)")
    }
}
