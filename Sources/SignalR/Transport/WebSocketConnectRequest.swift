import NIOHTTP1
import NIOSSL

/// Everything needed to open one client WebSocket.
struct WebSocketConnectRequest: Sendable {
    var endpoint: HubEndpoint
    /// Path and query of the upgrade request.
    var target: String
    var headers: HTTPHeaders
    var maximumMessageSize: Int
    var connectTimeout: Duration
    /// Required when the endpoint is secure.
    var sslContext: NIOSSLContext?
}
