import NIOCore
import NIOWebSocket

/// The stream of events from the raw socket's channel to the test.
public final class SocketInbox: Sendable {
    public let stream: AsyncStream<SocketEvent>
    private let continuation: AsyncStream<SocketEvent>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: SocketEvent.self)
    }

    public func deliver(_ event: SocketEvent) {
        continuation.yield(event)
        if case .closed = event { continuation.finish() }
    }
}
