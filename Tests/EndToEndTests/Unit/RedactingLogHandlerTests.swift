import Logging
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

@Suite("Verbose logs are redacted like errors", .gated)
struct RedactingLogHandlerTests {
    /// Keeps what reaches it.
    struct Capture: LogHandler {
        let lines: NIOLockedValueBox<[String]>
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            lines.withLockedValue { $0.append("\(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")") }
        }
    }

    struct BodyError: Error, CustomStringConvertible {
        let description: String
    }

    @Test func apiKeyTokensAndBodiesAreRedacted() {
        let lines = NIOLockedValueBox<[String]>([])
        let secrets = SecretRegistry()
        secrets.register("my-api-key-123")
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0cmFkZXIifQ.c2lnbmF0dXJlLXZhbHVl"
        let logger = Logger(label: "test") { label in RedactingLogHandler(label: label, wrapping: Capture(lines: lines), secrets: secrets) }
        logger.error("Server said: invalid key my-api-key-123", metadata: ["body": "{\"token\":\"\(jwt)\"}", "url": "wss://rtc/hubs/market?access_token=\(jwt)"])
        logger.info("nested", metadata: ["list": .array([.string("my-api-key-123")]), "map": .dictionary(["k": .stringConvertible(jwt)])])
        logger.log(level: .warning, "failed", error: BodyError(description: "HTTP 500: echo my-api-key-123 \(jwt)"))
        let text = lines.withLockedValue { $0.joined(separator: "\n") }
        #expect(lines.withLockedValue { $0.count } == 3)
        #expect(!text.contains("my-api-key-123"), "\(text)")
        #expect(!text.contains(jwt), "\(text)")
        #expect(text.contains("<redacted"), "\(text)")
    }
}
