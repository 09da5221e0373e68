import Foundation
import NIOCore
import NIOFoundationCompat

/// The three authentication calls, made without a token manager (they are what feeds it).
struct GatewayAuthenticator: Sendable {
    enum ValidateOutcome: Sendable {
        case renewed(String)
        /// The gateway would not renew this token (401, or `success: false`); log in instead.
        case refused(String)
    }

    let http: GatewayHTTP
    let credentials: Credentials

    /// `Auth/loginKey`.
    func login() async throws -> String {
        let endpoint = GatewayEndpoint.loginKey
        let body = try JSONSerialization.data(withJSONObject: ["userName": credentials.userName, "apiKey": credentials.apiKey])
        let response = try await send(endpoint, body: ByteBuffer(data: body), token: nil)
        switch response.status {
        case 200:
            let envelope = try decodeEnvelope(response, endpoint)
            guard envelope.success else {
                throw GatewayError.loginFailed(code: envelope.errorCode, meaning: endpoint.meaning(of: envelope.errorCode), message: envelope.errorMessage)
            }
            guard let token = try decodePayload(String.self, key: "token", response, endpoint), !token.isEmpty else {
                throw GatewayError.invalidResponse(endpoint: endpoint, detail: "a successful login carried no token")
            }
            return token
        case 429:
            throw GatewayError.rateLimited(endpoint: endpoint, retryAfterSeconds: GatewayClient.retryAfter(response.headers))
        case 400:
            throw GatewayError.badRequest(endpoint: endpoint, detail: GatewayClient.detail(response.body))
        case 300...399:
            throw GatewayClient.redirectRefused(endpoint, response)
        default:
            throw GatewayError.httpStatus(endpoint: endpoint, status: response.status, detail: GatewayClient.detail(response.body))
        }
    }

    /// `Auth/validate` with `token`, for a new token.
    func validate(_ token: String) async throws -> ValidateOutcome {
        let endpoint = GatewayEndpoint.validate
        let response = try await send(endpoint, body: nil, token: token)
        switch response.status {
        case 200:
            let envelope = try decodeEnvelope(response, endpoint)
            guard envelope.success, let newToken = try decodePayload(String.self, key: "newToken", response, endpoint), !newToken.isEmpty else {
                return .refused("error \(envelope.errorCode) \(endpoint.meaning(of: envelope.errorCode))")
            }
            return .renewed(newToken)
        case 401, 403:
            return .refused("HTTP \(response.status)")
        case 429:
            throw GatewayError.rateLimited(endpoint: endpoint, retryAfterSeconds: GatewayClient.retryAfter(response.headers))
        case 300...399:
            throw GatewayClient.redirectRefused(endpoint, response)
        default:
            throw GatewayError.httpStatus(endpoint: endpoint, status: response.status, detail: GatewayClient.detail(response.body))
        }
    }

    /// `Auth/logout`.
    func logout(_ token: String) async throws {
        let endpoint = GatewayEndpoint.logout
        let response = try await send(endpoint, body: nil, token: token)
        guard response.status == 200 else {
            if response.status == 401 || response.status == 403 { return }  // already gone
            throw GatewayError.httpStatus(endpoint: endpoint, status: response.status, detail: GatewayClient.detail(response.body))
        }
        let envelope = try decodeEnvelope(response, endpoint)
        guard envelope.success else {
            throw GatewayError.rejected(endpoint: endpoint, code: envelope.errorCode, message: envelope.errorMessage, orderId: nil)
        }
    }

    private func send(_ endpoint: GatewayEndpoint, body: ByteBuffer?, token: String?) async throws -> GatewayHTTP.Response {
        do {
            return try await http.post(endpoint.path, body: body, token: token)
        } catch {
            switch error {
            case .notSent(let reason): throw GatewayError.unreachable(endpoint: endpoint, reason: reason)
            // Authentication calls change nothing that a retry could double, but the caller decides.
            case .ambiguous(let reason): throw GatewayError.unreachable(endpoint: endpoint, reason: reason)
            }
        }
    }

    private func decodeEnvelope(_ response: GatewayHTTP.Response, _ endpoint: GatewayEndpoint) throws -> Envelope {
        do {
            return try JSONDecoder().decode(Envelope.self, from: response.body)
        } catch {
            throw GatewayError.invalidResponse(endpoint: endpoint, detail: "\(error)")
        }
    }

    private func decodePayload<T: Decodable & Sendable>(_ type: T.Type, key: String, _ response: GatewayHTTP.Response, _ endpoint: GatewayEndpoint) throws -> T? {
        let decoder = GatewayJSON.decoder()
        decoder.userInfo[.payloadKey] = key
        do {
            return try decoder.decode(Payload<T>.self, from: response.body).value
        } catch {
            throw GatewayError.invalidResponse(endpoint: endpoint, detail: "\(error)")
        }
    }
}
