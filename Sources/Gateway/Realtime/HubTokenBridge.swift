import Foundation
import SignalR
import NIOConcurrencyHelpers

/// The access-token provider of a gateway hub connection: it asks the ``TokenManager`` on every
/// negotiate and every WebSocket connect, and reports a refused token so that the next ask
/// refreshes.
///
/// It remembers the last token it handed out only to name it when the server refuses it; it
/// never hands a remembered token out again.
final class HubTokenBridge: Sendable {
    private let tokens: TokenManager
    private let lastIssued = NIOLockedValueBox<String?>(nil)
    /// Why no token may go to the hub (plain ws/http to another machine).
    private let insecurity: String?

    init(tokens: TokenManager, hubURL: URL? = nil) {
        self.tokens = tokens
        self.insecurity = hubURL.flatMap(TransportSecurity.problem(with:))
    }

    func token(for request: AccessTokenRequest) async throws -> String? {
        if let insecurity { throw TransportSecurity.Refusal(reason: insecurity) }
        if request.reason.isAuthenticationFailure {
            await reportRefusal()
        }
        let token = try await tokens.validToken()
        lastIssued.withLockedValue { $0 = token }
        return token
    }

    /// The server refused the last token (a 401/403 on connect, or a `GatewayLogout`).
    func reportRefusal() async {
        if let last = lastIssued.withLockedValue({ $0 }) {
            await tokens.tokenRejected(last)
        }
    }
}
