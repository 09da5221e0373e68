import Hummingbird

/// The answer to `POST {hub}/negotiate`.
enum NegotiateAnswer: Sendable, Equatable {
    /// `200 application/json` with this body.
    case json([UInt8])
    /// An empty response with this status.
    case status(HTTPResponse.Status)
}
