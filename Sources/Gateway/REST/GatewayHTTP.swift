import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// The raw HTTP exchange with the gateway: a JSON POST with an optional bearer token. No retries,
/// no envelope handling; ``GatewayClient`` and ``TokenManager`` build on it.
struct GatewayHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: ByteBuffer
    }

    /// Whether the request could have reached the server, which decides whether a write is safe to
    /// report as "not executed".
    enum Failure: Error, Sendable {
        /// The connection was never made: nothing was sent.
        case notSent(String)
        /// Something went wrong after the request may have been sent.
        case ambiguous(String)
    }

    let client: HTTPClient
    let apiRoot: String
    let timeout: Duration
    /// Why nothing may be sent to the API URL (plain http to another machine), checked once.
    private let insecurity: String?
    static let maximumResponseSize = 64 << 20

    init(client: HTTPClient, apiURL: URL, timeout: Duration) {
        self.client = client
        var root = apiURL.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        self.apiRoot = root
        self.timeout = timeout
        self.insecurity = TransportSecurity.problem(with: apiURL)
    }

    func post(_ path: String, body: ByteBuffer?, token: String?) async throws(Failure) -> Response {
        if let insecurity { throw .notSent(insecurity) }
        var request = HTTPClientRequest(url: apiRoot + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(body) }
        do {
            let response = try await client.execute(request, timeout: TimeAmount(timeout))
            let body = try await response.body.collect(upTo: Self.maximumResponseSize)
            return Response(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            throw Self.classify(error)
        }
    }

    func get(_ path: String) async throws(Failure) -> Response {
        if let insecurity { throw .notSent(insecurity) }
        var request = HTTPClientRequest(url: apiRoot + path)
        request.method = .GET
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: Self.maximumResponseSize)
            return Response(status: Int(response.status.code), headers: response.headers, body: body)
        } catch {
            throw Self.classify(error)
        }
    }

    /// Sorts transport errors into "never sent" and "may have been sent".
    static func classify(_ error: any Error) -> Failure {
        if let httpError = error as? HTTPClientError {
            let neverSent: [HTTPClientError] = [
                .connectTimeout, .invalidURL, .emptyHost, .emptyScheme, .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .tlsHandshakeTimeout,
            ]
            if neverSent.contains(httpError) { return .notSent(String(describing: httpError)) }
            switch httpError {
            case .deadlineExceeded: return .ambiguous("no answer within the request timeout")
            case .remoteConnectionClosed: return .ambiguous("the connection closed before the answer came")
            default: return .ambiguous(String(describing: httpError))
            }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .notSent("connect timeout")
        }
        if error is NIOConnectionError {
            return .notSent("connection refused")
        }
        if let ioError = error as? IOError, ioError.errnoCode == ECONNREFUSED {
            return .notSent("connection refused")
        }
        if let ioError = error as? IOError, ioError.errnoCode == ECONNRESET {
            return .ambiguous("the connection was reset")
        }
        return .ambiguous(String(describing: error))
    }
}
