import NIOCore
import NIOWebSocket

/// The stream of events from the raw socket's channel to the test.
final class SocketInbox: Sendable {
    let stream: AsyncStream<SocketEvent>
    private let continuation: AsyncStream<SocketEvent>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: SocketEvent.self)
    }

    func deliver(_ event: SocketEvent) {
        continuation.yield(event)
        if case .closed = event { continuation.finish() }
    }
}
