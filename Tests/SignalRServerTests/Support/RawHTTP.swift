import NIOCore
import NIOPosix
import RawHubClient

/// Sends raw request bytes and reads the status of the response.
enum RawHTTP {
    static func status(port: Int, request: String) async throws -> Int {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.any().makePromise(of: RawUpgradeReader.Head.self)
        let channel = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawUpgradeReader(promise: promise, deliver: { _ in }))
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        let head = try await promise.futureResult.get()
        try? await channel.close()
        return head.status
    }
}

extension RawHTTP {
    /// Sends raw bytes (possibly several pipelined requests) and returns the statuses of the first
    /// `count` responses.
    static func statuses(port: Int, request: String, count: Int) async throws -> [Int] {
        let collector = ResponseCollector()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(collector.handler())
                }
            }
            .connect(host: "127.0.0.1", port: port)
            .get()
        try await channel.writeAndFlush(ByteBuffer(string: request))
        try await eventually { collector.statuses.count >= count }
        try? await channel.close()
        return Array(collector.statuses.prefix(count))
    }
}
