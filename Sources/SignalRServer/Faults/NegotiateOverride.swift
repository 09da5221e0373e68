import Hummingbird

/// A scripted answer to negotiate, for client tests.
///
/// ```swift
/// hub.overrideNegotiate(.error("This connection is not allowed."))
/// hub.overrideNegotiate(.redirect(url: "http://127.0.0.1:\(port)/hubs/other", accessToken: "t2"), times: 1)
/// ```
public enum NegotiateOverride: Sendable, Hashable {
    /// `200 {"error":"<message>"}`.
    case error(String)
    /// `200 {"url":"<url>","accessToken":"<token>"}`.
    case redirect(url: String, accessToken: String?)
    /// An empty response with this status.
    case status(HTTPResponse.Status)
}
