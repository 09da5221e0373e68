import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// Builders for every kind of response the simulator sends.
enum WireResponse {
    private static let jsonType = "application/json; charset=utf-8"

    /// JSON with the given status. Encoding our own wire types cannot fail unless a number is
    /// not finite; that would be a simulator bug and becomes a 500.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, contentType: String = jsonType) -> Response {
        let encoder = JSONEncoder()
        guard let data = try? encoder.encode(value) else {
            return Response(status: .internalServerError)
        }
        return Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(data: data))
        )
    }

    /// `success:true` with a payload field.
    static func ok<P: Encodable>(_ key: String, _ payload: P) -> Response {
        json(Envelope(payloadKey: key, payload: payload, success: true, errorCode: 0, errorMessage: nil))
    }

    /// `success:true`, envelope only.
    static func ok() -> Response {
        json(Envelope<NoPayload>(payloadKey: nil, payload: nil, success: true, errorCode: 0, errorMessage: nil))
    }

    /// A business failure (HTTP 200). `payloadKey` keeps the payload field present (null, or
    /// the value given, like the id of a rejected bracket order).
    static func failure<Code, P: Encodable>(_ failure: GatewayFailure<Code>, payloadKey: String?, payload: P?) -> Response {
        json(Envelope(payloadKey: payloadKey, payload: payload, success: false, errorCode: failure.code.rawValue, errorMessage: failure.message))
    }

    /// A business failure without payload field.
    static func failure<Code>(_ failure: GatewayFailure<Code>) -> Response {
        json(Envelope<NoPayload>(payloadKey: nil, payload: nil, success: false, errorCode: failure.code.rawValue, errorMessage: failure.message))
    }

    /// HTTP 401 with an empty body and a `WWW-Authenticate` challenge like ASP.NET's JWT bearer.
    static func unauthorized(_ rejection: TokenRejection) -> Response {
        let challenge: String
        switch rejection {
        case .missing:
            challenge = "Bearer"
        case .expired(let date):
            challenge = "Bearer error=\"invalid_token\", error_description=\"The token expired at '\(ISOTimestamp.format(date, fractionalDigits: 0))'\""
        case .badSignature:
            challenge = "Bearer error=\"invalid_token\", error_description=\"The signature is invalid\""
        case .malformed, .revoked:
            challenge = "Bearer error=\"invalid_token\""
        }
        return Response(status: .unauthorized, headers: [.wwwAuthenticate: challenge])
    }

    /// HTTP 429 with `Retry-After` in whole seconds.
    static func tooManyRequests(retryAfter seconds: Int) -> Response {
        Response(
            status: .tooManyRequests,
            headers: [.retryAfter: String(max(1, seconds)), .contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Too Many Requests"))
        )
    }

    /// HTTP 400 ProblemDetails.
    static func problem(_ errors: [String: [String]]) -> Response {
        json(ProblemDetails(errors: errors), status: .badRequest, contentType: "application/problem+json; charset=utf-8")
    }

    /// Plain text.
    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
