import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A raw NIO WebSocket server that plays a scenario to each client: it answers the SignalR
/// handshake with `{}` and then writes the scenario's frames as fast as the socket takes them.
enum BenchmarkServer {
    static func start(group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: 1 << 20,
                    shouldUpgrade: { channel, head in
                        channel.eventLoop.makeSucceededFuture(Scenario(path: head.uri) == nil ? nil : HTTPHeaders())
                    },
                    upgradePipelineHandler: { channel, head in
                        channel.eventLoop.makeCompletedFuture {
                            guard let scenario = Scenario(path: head.uri) else { throw ChannelError.inappropriateOperationForState }
                            try channel.pipeline.syncOperations.addHandler(ScenarioSender(scenario: scenario))
                        }
                    }
                )
                return channel.pipeline.configureHTTPServerPipeline(
                    withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in })
                )
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
    }
}
