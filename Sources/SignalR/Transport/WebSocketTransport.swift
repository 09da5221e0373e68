import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// The WebSocket transport: opens a client WebSocket on SwiftNIO (`ws` or `wss` with certificate
/// verification and SNI), with no subprotocol, and reports a refused upgrade's HTTP status.
///
/// After the upgrade the pipeline is: frame codec (frames up to the maximum message size),
/// fragment aggregator (messages up to the maximum message size), ``WebSocketClientControlHandler``
/// (pings, close frames, masking, protocol errors) and the `NIOAsyncChannel` bridge.
enum WebSocketTransport {
    /// The most frames one WebSocket message may arrive in: fragments of 64 bytes on average at
    /// the maximum message size (65,536 for the default 4 MiB), and never fewer than 1,024.
    static func maximumFragments(forMessageSize size: Int) -> Int {
        max(1_024, size / 64)
    }

    typealias Channel = NIOAsyncChannel<WebSocketInbound, WebSocketFrame>

    private enum UpgradeResult: Sendable {
        case upgraded(Channel)
        case refused(EventLoopFuture<HTTPResponseHead>)
    }

    /// Opens the WebSocket. Throws ``SignalRError/authenticationFailed(status:phase:)`` for a
    /// 401/403 answer, ``SignalRError/httpStatus(status:phase:detail:)`` for another non-101 answer,
    /// ``SignalRError/connectTimeout(phase:)`` and ``SignalRError/transportFailed(phase:detail:)``.
    static func connect(_ request: WebSocketConnectRequest, group: any EventLoopGroup) async throws(SignalRError) -> Channel {
        let timedOut = TimeoutFlag()
        let result: UpgradeResult
        do {
            let bootstrap = ClientBootstrap(group: group)
                .connectTimeout(.nanoseconds(Int64(clamping: request.connectTimeout.nanoseconds)))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
            let upgrade: EventLoopFuture<UpgradeResult> = try await bootstrap.connect(
                host: request.endpoint.host,
                port: request.endpoint.port
            ) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try configure(channel: channel, request: request, timedOut: timedOut)
                }
            }
            result = try await upgrade.get()
        } catch {
            if timedOut.isSet { throw .connectTimeout(phase: .webSocketUpgrade) }
            throw map(error)
        }
        switch result {
        case .upgraded(let channel):
            return channel
        case .refused(let head):
            let status: Int
            do {
                status = Int(try await head.get().status.code)
            } catch {
                if timedOut.isSet { throw .connectTimeout(phase: .webSocketUpgrade) }
                throw .transportFailed(phase: .webSocketUpgrade, detail: "The server refused the upgrade and closed the connection.")
            }
            if status == 401 || status == 403 {
                throw .authenticationFailed(status: status, phase: .webSocketUpgrade)
            }
            let hint = status == 404
                ? "The connection could not be found on the server: the connection id is unknown or expired, or this is not a SignalR endpoint."
                : nil
            throw .httpStatus(status: status, phase: .webSocketUpgrade, detail: hint)
        }
    }

    private static func configure(
        channel: any NIOCore.Channel,
        request: WebSocketConnectRequest,
        timedOut: TimeoutFlag
    ) throws -> EventLoopFuture<UpgradeResult> {
        let sync = channel.pipeline.syncOperations
        if request.endpoint.isSecure {
            guard let sslContext = request.sslContext else {
                throw SignalRError.transportFailed(phase: .webSocketUpgrade, detail: "No TLS context for a secure URL.")
            }
            let isAddress = (try? SocketAddress(ipAddress: request.endpoint.host, port: 0)) != nil
            try sync.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: isAddress ? nil : request.endpoint.host))
        }
        let maximumSize = max(request.maximumMessageSize, 1 << 10)
        let upgrader = NIOTypedWebSocketClientUpgrader<UpgradeResult>(
            maxFrameSize: min(maximumSize, Int(UInt32.max)),
            // Protocol errors are answered by WebSocketClientControlHandler, which reports them first.
            enableAutomaticErrorHandling: false,
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(
                        NIOWebSocketFrameAggregator(
                            minNonFinalFragmentSize: 0,
                            // Bounded: a server sending endless (even empty) fragments of one
                            // message is a protocol error, not a memory sink.
                            maxAccumulatedFrameCount: WebSocketTransport.maximumFragments(forMessageSize: maximumSize),
                            maxAccumulatedFrameSize: maximumSize
                        )
                    )
                    try sync.addHandler(WebSocketClientControlHandler(maximumMessageSize: maximumSize))
                    let wrapped = try Channel(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(backPressureStrategy: .init(lowWatermark: 16, highWatermark: 64))
                    )
                    return UpgradeResult.upgraded(wrapped)
                }
            }
        )
        var headers = request.headers
        headers.replaceOrAdd(name: "Host", value: request.endpoint.hostHeader)
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: request.target, headers: headers)
        let configuration = NIOTypedHTTPClientUpgradeConfiguration<UpgradeResult>(
            upgradeRequestHead: head,
            upgraders: [upgrader],
            notUpgradingCompletionHandler: { channel in
                channel.eventLoop.makeCompletedFuture {
                    let promise = channel.eventLoop.makePromise(of: HTTPResponseHead.self)
                    do {
                        try channel.pipeline.syncOperations.addHandler(RefusedUpgradeHandler(statusPromise: promise))
                    } catch {
                        // Never drop a promise unfulfilled (NIO traps on that in debug builds).
                        promise.fail(error)
                        throw error
                    }
                    return UpgradeResult.refused(promise.futureResult)
                }
            }
        )
        var pipelineConfiguration = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
        pipelineConfiguration.leftOverBytesStrategy = .forwardBytes
        let upgradeFuture = try sync.configureUpgradableHTTPClientPipeline(configuration: pipelineConfiguration)
        let deadline = NIODeadline.now() + .nanoseconds(Int64(clamping: request.connectTimeout.nanoseconds))
        let timeout = channel.eventLoop.scheduleTask(deadline: deadline) {
            timedOut.set()
            channel.close(promise: nil)
        }
        upgradeFuture.whenComplete { result in
            switch result {
            case .success(.upgraded):
                timeout.cancel()
            case .success(.refused(let head)):
                head.whenComplete { _ in timeout.cancel() }
            case .failure:
                timeout.cancel()
            }
        }
        return upgradeFuture
    }

    private static func map(_ error: any Error) -> SignalRError {
        switch error {
        case let error as SignalRError:
            return error
        case ChannelError.connectTimeout:
            return .connectTimeout(phase: .webSocketUpgrade)
        case let error as NIOSSLError:
            return .transportFailed(phase: .webSocketUpgrade, detail: "TLS failed: \(error)")
        case let error as BoringSSLError:
            return .transportFailed(phase: .webSocketUpgrade, detail: "TLS failed: \(error)")
        default:
            return .transportFailed(phase: .webSocketUpgrade, detail: Redaction.text(String(describing: error)))
        }
    }
}
