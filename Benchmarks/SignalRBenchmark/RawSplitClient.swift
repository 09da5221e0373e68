import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// The raw limit: a NIO WebSocket client that sends the handshake and only reads the frames and
/// finds the record separators, without decoding or dispatching anything.
enum RawSplitClient {
    /// Returns the time from connect until the scenario's last message arrived.
    static func run(_ scenario: Scenario, port: Int, group: any EventLoopGroup) async throws -> Duration {
        let started = ContinuousClock.now
        // The handshake response, every message and the final Done.
        let expected = scenario.messages + 2
        let done: EventLoopFuture<Void> = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let finished = channel.eventLoop.makePromise(of: Void.self)
                    let upgrader = NIOTypedWebSocketClientUpgrader<Void>(
                        maxFrameSize: 1 << 24,
                        upgradePipelineHandler: { channel, _ in
                            channel.eventLoop.makeCompletedFuture {
                                try channel.pipeline.syncOperations.addHandler(
                                    SeparatorCounter(expected: expected, finished: finished)
                                )
                            }
                        }
                    )
                    var headers = HTTPHeaders()
                    headers.add(name: "Host", value: "127.0.0.1:\(port)")
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<Void>(
                        upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: scenario.path, headers: headers),
                        upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in
                            channel.eventLoop.makeFailedFuture(ChannelError.inappropriateOperationForState)
                        }
                    )
                    var pipeline = NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration)
                    pipeline.leftOverBytesStrategy = .forwardBytes
                    let upgraded = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: pipeline)
                    return upgraded.flatMap { finished.futureResult }
                }
            }
        try await done.get()
        return started.duration(to: .now)
    }
}
