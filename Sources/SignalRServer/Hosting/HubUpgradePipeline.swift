import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOWebSocket
import NIOConcurrencyHelpers

/// Builds the pipeline of a connection whose first request is a WebSocket upgrade to a hub path:
/// NIO's HTTP decoder and WebSocket upgrader, with the hub deciding the upgrade.
///
/// An admitted upgrade gets `101` and the hub's frame handling; a refused one gets a real HTTP
/// response with the hub's status (`401`, `403`, `404`, `409`; `400` for a malformed upgrade),
/// `Connection: close`, and the connection closes.
enum HubUpgradePipeline {
    /// `fence` is passed once an admitted connection is created, before the outcome is delivered.
    static func configure(channel: any Channel, hub: HubServer, fence: HandOffFence) throws -> EventLoopFuture<HubUpgradeOutcome> {
        let attempt = UpgradeAttempt()
        let upgrader = NIOTypedWebSocketServerUpgrader<HubUpgradeOutcome>(
            maxFrameSize: hub.configuration.maximumFrameSize,
            enableAutomaticErrorHandling: true,
            shouldUpgrade: { channel, head in
                channel.eventLoop.makeFutureWithTask {
                    let admission = await hub.admitUpgrade(HubAuthenticationRequest(upgrade: head))
                    attempt.record(admission)
                    if case .accept = admission { return HTTPHeaders() }
                    return nil
                }
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    guard let seed = attempt.takeAdmitted() else { throw HubUpgradeNotAdmitted() }
                    do {
                        return try installConnection(on: channel, hub: hub, seed: seed, fence: fence)
                    } catch {
                        hub.releaseUnusedSeed(seed)
                        throw error
                    }
                }
            }
        )
        var configuration = NIOUpgradableHTTPServerPipelineConfiguration<HubUpgradeOutcome>(
            upgradeConfiguration: .init(
                upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in
                    channel.eventLoop.makeCompletedFuture {
                        writeRefusal(attempt.rejection ?? .badRequest, on: channel)
                        return .rejected
                    }
                }
            )
        )
        configuration.enablePipelining = false
        channel.closeFuture.whenComplete { _ in
            if let seed = attempt.takeAdmitted() { hub.releaseUnusedSeed(seed) }
        }
        return try channel.pipeline.syncOperations.configureUpgradableHTTPServerPipeline(configuration: configuration)
    }

    /// Adds the hub's handlers to an upgraded channel and creates the connection. On the event loop.
    private static func installConnection(on channel: any Channel, hub: HubServer, seed: ConnectionSeed, fence: HandOffFence) throws -> HubUpgradeOutcome {
        let handler = HubChannelHandler()
        try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        try channel.pipeline.syncOperations.addHandler(
            NIOWebSocketFrameAggregator(
                minNonFinalFragmentSize: 0,
                maxAccumulatedFrameCount: 4096,
                maxAccumulatedFrameSize: hub.configuration.maximumFrameSize
            )
        )
        let (framing, silent) = hub.faults.withLockedValue { ($0.framing, $0.silent) }
        let outbound = ConnectionOutbound(
            handler: handler,
            eventLoop: channel.eventLoop,
            maximumQueuedBytes: hub.configuration.maximumQueuedBytes,
            framing: framing,
            silent: silent
        )
        let connection = HubConnectionContext(hub: hub, seed: seed, outbound: outbound, now: .now)
        handler.onWritable = { outbound.writabilityChanged() }
        // A graceful server shutdown closes hub connections the way ASP.NET Core does.
        handler.onQuiesce = { connection.close(error: nil, allowReconnect: true) }
        let asyncChannel = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(
            wrappingChannelSynchronously: channel,
            configuration: .init(isOutboundHalfClosureEnabled: false)
        )
        fence.pass()
        return .accepted(connection, asyncChannel)
    }

    /// Writes an empty response with `status` and closes the channel. On the event loop.
    private static func writeRefusal(_ status: HTTPResponse.Status, on channel: any Channel) {
        var headers = HTTPHeaders([("content-length", "0"), ("connection", "close")])
        if status == .unauthorized { headers.add(name: "www-authenticate", value: "Bearer") }
        let head = HTTPResponseHead(
            version: .http1_1,
            status: HTTPResponseStatus(statusCode: Int(status.code), reasonPhrase: status.reasonPhrase),
            headers: headers
        )
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
