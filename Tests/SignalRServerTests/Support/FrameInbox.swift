import NIOCore
import NIOWebSocket

/// What the test client receives, in order.
enum ClientEvent: Sendable {
    case frame(WebSocketFrame)
    case closed
    case timeout(Int)
}

/// The stream of events from the client's channel to the test.
final class FrameInbox: Sendable {
    let stream: AsyncStream<ClientEvent>
    private let continuation: AsyncStream<ClientEvent>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: ClientEvent.self)
    }

    func deliver(_ event: ClientEvent) {
        continuation.yield(event)
        if case .closed = event { continuation.finish() }
    }
}
