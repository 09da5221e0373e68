import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import SignalRProtocol

/// Runs the network part of one connect attempt: negotiate (following redirects, at most 100)
/// unless skipped, then the WebSocket upgrade. The token provider is asked before every
/// negotiate request and before the upgrade; a redirect's `accessToken` replaces the provider for
/// the rest of this attempt only.
struct ConnectionEstablisher: Sendable {
    static let maximumRedirects = 100

    struct Established: Sendable {
        let channel: WebSocketTransport.Channel
        let connectionId: String?
        let endpoint: HubEndpoint
    }

    let endpoint: HubEndpoint
    let options: HubConnectionOptions
    let httpClient: HTTPClient
    let eventLoopGroup: any EventLoopGroup
    let tlsContexts: TLSContextCache
    let logger: Logger

    func establish(_ attempt: ConnectionStateMachine.Attempt) async throws(SignalRError) -> Established {
        var tokens = TokenSource(provider: options.accessTokenProvider, attempt: attempt)
        var endpoint = self.endpoint
        var transportId: String?
        var connectionId: String?
        if !options.skipNegotiation {
            let negotiator = Negotiator(
                httpClient: httpClient,
                timeout: options.negotiateTimeout,
                headers: options.headers,
                accessTokenInQuery: options.accessTokenInQuery,
                logger: logger
            )
            var redirects = 0
            negotiation: while true {
                try Task.checkCancellation(orThrow: .stoppedDuringStart)
                let token = try await tokens.next(phase: .negotiate)
                switch try await negotiator.negotiate(endpoint, accessToken: token) {
                case .connection(let connection):
                    guard connection.offersWebSocketsText else {
                        throw .negotiateFailed("None of the transports supported by the client are supported by the server.")
                    }
                    transportId = connection.transportId
                    connectionId = connection.connectionId
                    break negotiation
                case .redirect(let url, let accessToken):
                    redirects += 1
                    guard redirects <= Self.maximumRedirects else {
                        throw .negotiateFailed("Negotiate redirection limit exceeded.")
                    }
                    endpoint = try HubEndpoint(string: url)
                    logger.debug("Negotiate redirected", metadata: ["url": "\(endpoint)"])
                    if let accessToken { tokens.replace(with: accessToken) }
                case .error(let message):
                    throw .negotiateFailed(message)
                }
            }
        }
        try Task.checkCancellation(orThrow: .stoppedDuringStart)
        let token = try await tokens.next(phase: .webSocketUpgrade)
        let target = endpoint.webSocketRequestTarget(
            connectionToken: transportId,
            accessToken: options.accessTokenInQuery ? token : nil
        )
        logger.debug("Opening WebSocket", metadata: ["url": "\(Redaction.url(endpoint.webSocketURL(target: target)))"])
        var headers = Negotiator.requestHeaders(accessToken: token, extra: options.headers)
        headers.remove(name: "X-Requested-With")
        let request = WebSocketConnectRequest(
            endpoint: endpoint,
            target: target,
            headers: headers,
            maximumMessageSize: options.maximumMessageSize,
            connectTimeout: options.connectTimeout,
            sslContext: endpoint.isSecure ? try tlsContexts.sslContext() : nil
        )
        let channel = try await WebSocketTransport.connect(request, group: eventLoopGroup)
        if Task.isCancelled {
            channel.channel.close(promise: nil)
            throw .stoppedDuringStart
        }
        return Established(channel: channel, connectionId: connectionId, endpoint: endpoint)
    }
}
