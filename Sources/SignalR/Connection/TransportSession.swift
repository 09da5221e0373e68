import NIOCore
import NIOWebSocket
import SignalRProtocol
import NIOConcurrencyHelpers

/// One live WebSocket of a ``HubConnection``: sends frames, tracks keep-alive, and remembers why
/// it is ending (the first reason wins: a server Close, the server timeout, a stop...).
final class TransportSession: Sendable {
    /// The attempt id that produced this transport.
    let id: UInt64
    let connectionId: String?
    let channel: any Channel
    private let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
    let keepAlive: NIOLockedValueBox<KeepAliveStateMachine>
    private let ending = NIOLockedValueBox<(error: SignalRError, allowReconnect: Bool)?>(nil)

    init(
        id: UInt64,
        connectionId: String?,
        channel: any Channel,
        outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>,
        keepAlive: KeepAliveStateMachine
    ) {
        self.id = id
        self.connectionId = connectionId
        self.channel = channel
        self.outbound = outbound
        self.keepAlive = NIOLockedValueBox(keepAlive)
    }

    /// Sends bytes as one text frame.
    func send(_ bytes: [UInt8]) async throws(SignalRError) {
        let frame = WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(bytes: bytes))
        do {
            try await outbound.write(frame)
        } catch {
            throw .connectionLost(cause: endReason?.error)
        }
        let now = ContinuousClock.now
        keepAlive.withLockedValue { $0.messageSent(at: now) }
    }

    /// Sends a hub message.
    func send(_ message: HubMessage) async throws(SignalRError) {
        try await send(JSONHubProtocol.encode(message))
    }

    /// Records why the transport ends, unless a reason was already recorded. Returns whether this
    /// call recorded it.
    @discardableResult
    func markEnding(_ error: SignalRError, allowReconnect: Bool) -> Bool {
        ending.withLockedValue { current in
            guard current == nil else { return false }
            current = (error, allowReconnect)
            return true
        }
    }

    var endReason: (error: SignalRError, allowReconnect: Bool)? {
        ending.withLockedValue { $0 }
    }

    /// Closes gracefully: optionally a SignalR Close message, then a WebSocket close frame
    /// (1000); the channel is closed for good after `timeout` if the server does not close it.
    func close(sendCloseMessage: Bool, timeout: Duration) async {
        if sendCloseMessage {
            try? await send(.close(CloseMessage()))
        }
        var payload = channel.allocator.buffer(capacity: 2)
        payload.write(webSocketErrorCode: .normalClosure)
        try? await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, data: payload))
        let channel = self.channel
        channel.eventLoop.scheduleTask(in: .nanoseconds(Int64(clamping: timeout.nanoseconds))) {
            channel.close(promise: nil)
        }
    }

    /// Closes at once, without a close frame.
    func abort() {
        channel.close(promise: nil)
    }
}
