/// A failure of a gateway call, typed so that a program can react to it and worded so that a
/// person can.
///
/// No case ever contains a token or an API key.
public enum GatewayError: Error, Sendable, CustomStringConvertible {
    /// The gateway answered `success: false` (HTTP 200): the request was understood and refused.
    /// `orderId` is set when the gateway created an order anyway (a rejected bracket order).
    case rejected(endpoint: GatewayEndpoint, code: Int, message: String?, orderId: Int64?)
    /// Login refused: wrong user name or API key, missing subscription, unsigned agreements.
    case loginFailed(code: Int, meaning: String, message: String?)
    /// HTTP 401/403 that a fresh token did not cure.
    case unauthorized(endpoint: GatewayEndpoint, status: Int)
    /// HTTP 429. Reads are retried before this surfaces; writes surface it at once (the request was
    /// not processed, so it is safe to send again later).
    case rateLimited(endpoint: GatewayEndpoint, retryAfterSeconds: Double?)
    /// A write whose outcome is unknown: the request may or may not have been executed (a timeout,
    /// a connection reset after sending, an unreadable answer, an HTTP 5xx), and reading back did
    /// not tell either (`reason` says what failed, and how the look-up failed too). It was NOT
    /// sent again; reconcile before acting again.
    case outcomeUnknown(endpoint: GatewayEndpoint, reason: String)
    /// A write whose response was lost (`reason`), and which reading back showed was not executed
    /// (`finding`): nothing changed, and it is safe to send it again.
    case notExecuted(endpoint: GatewayEndpoint, reason: String, finding: String)
    /// The request could not be sent at all (connection refused, DNS failure): nothing happened.
    case unreachable(endpoint: GatewayEndpoint, reason: String)
    /// HTTP 400: the gateway could not bind the request body.
    case badRequest(endpoint: GatewayEndpoint, detail: String)
    /// Any other unexpected HTTP status.
    case httpStatus(endpoint: GatewayEndpoint, status: Int, detail: String)
    /// The response was not what the reference describes.
    case invalidResponse(endpoint: GatewayEndpoint, detail: String)

    /// The endpoint's meaning of the error code, for ``rejected(endpoint:code:message:orderId:)``.
    public var codeMeaning: String? {
        if case .rejected(let endpoint, let code, _, _) = self { return endpoint.meaning(of: code) }
        if case .loginFailed(_, let meaning, _) = self { return meaning }
        return nil
    }

    public var description: String {
        switch self {
        case .rejected(let endpoint, let code, let message, let orderId):
            let detail = message.map { ": \($0)" } ?? ""
            let created = orderId.map { " (order \($0) was created in a rejected state)" } ?? ""
            return "\(endpoint) refused the request with error \(code) \(endpoint.meaning(of: code))\(detail)\(created)."
        case .loginFailed(let code, let meaning, let message):
            let hint: String
            switch code {
            case 1, 2, 3: hint = " Check the user name (the platform login, not an e-mail) and the API key."
            case 7: hint = " Log into the ProjectX platform and complete the required agreements."
            case 9: hint = " API access needs a ProjectX API subscription linked to this user."
            case 10: hint = " API-key login is disabled for this user."
            default: hint = ""
            }
            return "Login failed with error \(code) \(meaning)\(message.map { ": \($0)" } ?? "").\(hint)"
        case .unauthorized(let endpoint, let status):
            return "\(endpoint) answered HTTP \(status) even with a freshly issued token; the session or API key is no longer accepted. Log in again."
        case .rateLimited(let endpoint, let retryAfter):
            // Built by anyone with any Double: only a finite, sane value becomes an integer.
            let wait = retryAfter.flatMap { $0.isFinite && $0 >= 0 && $0 <= GatewayClient.longestRetryAfter ? $0 : nil }
                .map { " Retry after \(Int($0.rounded(.up))) s." } ?? " Reduce the request rate and try again shortly."
            return "\(endpoint) is rate limited (HTTP 429).\(wait)"
        case .outcomeUnknown(let endpoint, let reason):
            return "\(endpoint) may or may not have been executed (\(reason)). It was not sent again; check open orders and positions before acting again."
        case .notExecuted(let endpoint, let reason, let finding):
            return "\(endpoint) was not executed: the response was lost (\(reason)), and reading back shows \(finding). Nothing was changed; it is safe to send it again."
        case .unreachable(let endpoint, let reason):
            return "Could not reach the gateway for \(endpoint): \(reason). Check the API URL and the network."
        case .badRequest(let endpoint, let detail):
            return "\(endpoint) rejected the request as malformed (HTTP 400): \(detail)"
        case .httpStatus(let endpoint, let status, let detail):
            return "\(endpoint) answered HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")."
        case .invalidResponse(let endpoint, let detail):
            return "\(endpoint) sent a response that could not be read: \(detail)"
        }
    }
}
