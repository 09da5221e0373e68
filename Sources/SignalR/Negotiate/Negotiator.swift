import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SignalRProtocol

/// Sends one `POST {hub}/negotiate?negotiateVersion=1` and reads the answer.
///
/// A 401/403 becomes ``SignalRError/authenticationFailed(status:phase:)``; another non-2xx status
/// ``SignalRError/httpStatus(status:phase:detail:)``; an unreadable body, an old ASP.NET SignalR
/// server or a version-1 answer without `connectionToken`
/// ``SignalRError/negotiateFailed(_:)``. Redirects and `{error}` answers are returned to the caller,
/// which asks the token provider again for each request.
struct Negotiator: Sendable {
    /// The largest negotiate body read.
    static let maximumBodySize = 1 << 20

    let httpClient: HTTPClient
    let timeout: Duration
    let headers: [(name: String, value: String)]
    let accessTokenInQuery: Bool
    let logger: Logger

    func negotiate(_ endpoint: HubEndpoint, accessToken: String?) async throws(SignalRError) -> NegotiateResponse {
        let url = endpoint.negotiateURL(accessToken: accessTokenInQuery ? accessToken : nil)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers = Self.requestHeaders(accessToken: accessToken, extra: headers)
        request.headers.add(name: "Content-Length", value: "0")
        request.body = .bytes(ByteBuffer())
        logger.debug("Negotiating", metadata: ["url": "\(Redaction.url(url))"])
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(clamping: timeout.nanoseconds)))
            body = try await response.body.collect(upTo: Self.maximumBodySize)
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .connectTimeout || error == .readTimeout {
                throw .connectTimeout(phase: .negotiate)
            }
            throw .transportFailed(phase: .negotiate, detail: Redaction.text(String(describing: error)))
        } catch {
            if error is CancellationError { throw .stoppedDuringStart }
            throw .transportFailed(phase: .negotiate, detail: Redaction.text(String(describing: error)))
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            if status == 401 || status == 403 {
                throw .authenticationFailed(status: status, phase: .negotiate)
            }
            var detail = Redaction.text(String(String(buffer: body).prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines))
            if status == 404 {
                detail += (detail.isEmpty ? "" : " ")
                    + "Either this is not a SignalR endpoint or there is a proxy blocking the connection."
            }
            throw .httpStatus(status: status, phase: .negotiate, detail: detail.isEmpty ? nil : detail)
        }
        do throws(HubProtocolError) {
            return try NegotiateResponse.decode(Array(body.readableBytesView)[...])
        } catch {
            throw .negotiateFailed(error.message)
        }
    }

    /// `Authorization`, `X-Requested-With`, `User-Agent` and the user's headers.
    static func requestHeaders(accessToken: String?, extra: [(name: String, value: String)]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "X-Requested-With", value: "XMLHttpRequest")
        for (name, value) in extra {
            headers.add(name: name, value: value)
        }
        if let accessToken {
            headers.replaceOrAdd(name: "Authorization", value: "Bearer \(accessToken)")
        }
        return headers
    }

    static let userAgent = "Microsoft SignalR/8.0 (\(PackageVersion.current); Linux; Swift; swift-signalr)"
}
