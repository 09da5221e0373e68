import Foundation
import NIOCore

extension GatewayClient {
    /// Logs in (or reuses the current token) and returns when the token expires.
    @discardableResult
    public func login() async throws -> Date? {
        _ = try await tokens.validToken()
        return await tokens.expiresAt
    }

    /// `Auth/logout`, then forgets the token. Without a session there is nothing to end.
    public func logout() async throws {
        guard let token = await tokens.currentToken else { return }
        try await GatewayAuthenticator(http: http, credentials: configuration.credentials).logout(token)
        await tokens.reset()
    }

    /// `GET /api/Status/ping`: whether the gateway answers (`pong`). Needs no token.
    public func ping() async throws -> Bool {
        do {
            let response = try await http.get("/api/Status/ping")
            return response.status == 200 && String(buffer: response.body).contains("pong")
        } catch {
            switch error {
            case .notSent(let reason), .ambiguous(let reason):
                throw GatewayError.unreachable(endpoint: .ping, reason: reason)
            }
        }
    }
}
