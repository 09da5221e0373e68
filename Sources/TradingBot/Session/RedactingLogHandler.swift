import Logging
import NIOConcurrencyHelpers

/// The `--verbose` log handler: every message and metadata value passes through the same
/// redaction as error messages (the API key, JWTs, `access_token=` values) before it reaches
/// stderr, so that a server error body echoing a credential, or a URL carrying a token, is never
/// printed whole.
///
/// ```swift
/// RedactingLogHandler.secrets.register(apiKey)   // once the configuration is resolved
/// ```
struct RedactingLogHandler: LogHandler {
    /// The secrets known to this process (the API key once resolved); shared by every handler.
    static let secrets = SecretRegistry()

    private var inner: any LogHandler
    private let secrets: SecretRegistry

    /// Redacts what `inner` prints (stderr's stream handler when not given).
    init(label: String, wrapping inner: (any LogHandler)? = nil, secrets: SecretRegistry = RedactingLogHandler.secrets) {
        self.inner = inner ?? StreamLogHandler.standardError(label: label)
        self.secrets = secrets
    }

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        let secrets = self.secrets.values
        var event = event
        event.message = "\(ErrorPresenter.sanitize(event.message.description, secrets: secrets))"
        var metadata = event.metadata.map { Self.redact($0, secrets: secrets) }
        if let error = event.error {
            // An error's description can carry a server's body: it goes out redacted, as metadata.
            metadata = (metadata ?? [:]).merging(["error": .string(ErrorPresenter.sanitize("\(error)", secrets: secrets))]) { $1 }
            event.error = nil
        }
        event.metadata = metadata
        inner.log(event: event)
    }

    private static func redact(_ metadata: Logger.Metadata, secrets: [String]) -> Logger.Metadata {
        metadata.mapValues { redact($0, secrets: secrets) }
    }

    private static func redact(_ value: Logger.Metadata.Value, secrets: [String]) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(ErrorPresenter.sanitize(text, secrets: secrets))
        case .stringConvertible(let convertible): .string(ErrorPresenter.sanitize(convertible.description, secrets: secrets))
        case .array(let values): .array(values.map { redact($0, secrets: secrets) })
        case .dictionary(let values): .dictionary(redact(values, secrets: secrets))
        }
    }
}

/// Secret values to strip from log lines, registered as they become known.
final class SecretRegistry: Sendable {
    private let storage = NIOLockedValueBox<[String]>([])

    var values: [String] { storage.withLockedValue { $0 } }

    func register(_ secret: String) {
        storage.withLockedValue { if !$0.contains(secret) { $0.append(secret) } }
    }
}
