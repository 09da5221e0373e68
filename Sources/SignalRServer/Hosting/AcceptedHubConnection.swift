import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// The connection an accepted upgrade created on the event loop, handed to the task that runs it.
///
/// The future that carries it already orders the two sides: the connection is complete before the
/// promise is fulfilled, and the task reads it only after `get()` resumes. But Thread Sanitizer
/// cannot see the ordering a continuation's resumption provides (swiftlang/swift#57803), and it
/// reported the connection's initializer on the event loop and the first read of its logger in
/// `run` as a race (a CI run of `.ci/tsan`). A lock is an ordering it does see, so the hand-off
/// passes through one: released once here, acquired once by `HubHTTPChannel.handle`.
final class AcceptedHubConnection: Sendable {
    typealias Parts = (connection: HubConnectionContext, channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)

    private let box: NIOLockedValueBox<Parts>

    init(connection: HubConnectionContext, channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) {
        self.box = NIOLockedValueBox((connection, channel))
        // Storing the value takes no lock; this release is what orders everything written so far
        // (the connection's initializer included) before the acquire in `parts`.
        box.withLockedValue { _ in }
    }

    /// The connection and its channel, read under the lock they were written under.
    var parts: Parts { box.withLockedValue { $0 } }
}
