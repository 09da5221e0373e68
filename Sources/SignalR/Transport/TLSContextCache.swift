import NIOSSL
import NIOConcurrencyHelpers

/// Builds the `NIOSSLContext` for `wss` once (loading trust roots is costly) and reuses it for
/// every reconnect, and for every connection it is shared with.
package final class TLSContextCache: Sendable {
    private let configuration: TLSConfiguration
    private let context = NIOLockedValueBox<NIOSSLContext?>(nil)

    /// - Parameter configuration: `nil` for the platform's trust roots with full verification.
    package init(configuration: TLSConfiguration?) {
        self.configuration = configuration ?? .makeClientConfiguration()
    }

    func sslContext() throws(SignalRError) -> NIOSSLContext {
        do {
            return try context.withLockedValue { cached in
                if let cached { return cached }
                let made = try NIOSSLContext(configuration: configuration)
                cached = made
                return made
            }
        } catch {
            throw .transportFailed(phase: .webSocketUpgrade, detail: "Cannot set up TLS: \(error)")
        }
    }
}
