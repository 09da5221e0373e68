import NIOCore
import SignalRProtocol
import NIOConcurrencyHelpers

/// The send side of one hub connection, safe to use from any thread.
///
/// `send` takes the connection's lock, appends to the queue and, only when no drain is pending,
/// schedules one on the event loop; the drain writes every queued frame and flushes once. So a
/// burst of events costs one event-loop hop, and a broadcast frame is shared, never copied.
///
/// **Slow clients.** While the socket is not writable, messages wait in the queue. When more than
/// `maximumQueuedBytes` wait, the connection is treated as a slow consumer the way a server would:
/// what waits is discarded, `{"type":7,"error":"Connection closed with an error.","allowReconnect":true}`
/// and a close frame are written, and the socket is dropped if the client does not complete the
/// close within the close timeout. Messages are never dropped silently while the connection lives.
final class ConnectionOutbound: Sendable {
    private let state: NIOLockedValueBox<OutboundState>
    private let handler: NIOLoopBound<HubChannelHandler>
    let eventLoop: any EventLoop
    private let maximumQueuedBytes: Int

    /// The Close message sent to a slow consumer and on server errors.
    static let errorClose = EncodedHubMessage(.close(CloseMessage(error: "Connection closed with an error.", allowReconnect: true)))

    init(handler: HubChannelHandler, eventLoop: any EventLoop, maximumQueuedBytes: Int, framing: HubFraming, silent: Bool) {
        var initial = OutboundState()
        initial.framing = framing
        initial.silent = silent
        self.state = NIOLockedValueBox(initial)
        self.handler = NIOLoopBound(handler, eventLoop: eventLoop)
        self.eventLoop = eventLoop
        self.maximumQueuedBytes = maximumQueuedBytes
    }

    /// Queues `message`. Returns `false` when it was not queued (silent, closing, or overflow).
    @discardableResult
    func send(_ message: EncodedHubMessage) -> Bool {
        let result = state.withLockedValue { $0.enqueue(message, limit: maximumQueuedBytes) }
        return perform(result)
    }

    /// Queues a pong answering a WebSocket ping.
    func sendPong(_ payload: ByteBuffer) {
        let frame = WebSocketFrameHeader.frame(opcode: .pong, payload: payload)
        let result = state.withLockedValue { $0.enqueueControl(.control(frame)) }
        perform(result)
    }

    /// Starts a graceful close: `closeMessage` (sent even when silent) then a close frame with
    /// status 1000. Returns `false` when already closing.
    @discardableResult
    func close(with closeMessage: EncodedHubMessage?, discardPending: Bool = false) -> Bool {
        let frame = OutboundItem.control(WebSocketFrameHeader.closeFrame(code: 1000))
        guard let result = state.withLockedValue({ $0.close(closeMessage: closeMessage, closeFrame: frame, discardPending: discardPending) }) else {
            return false
        }
        perform(result)
        return true
    }

    /// Echoes the peer's close frame and closes the channel once it is written.
    func echoClose(code: UInt16?) {
        let frame = OutboundItem.control(WebSocketFrameHeader.closeFrame(code: code ?? 1000))
        guard let result = state.withLockedValue({ $0.echoClose(frame) }) else { return }
        perform(result)
    }

    /// Drops the TCP connection at once, without a close frame.
    func abort() {
        state.withLockedValue { $0.markClosed() }
        eventLoop.execute { self.handler.value.close() }
    }

    /// Marks the queue closed after the channel went away.
    func channelClosed() {
        state.withLockedValue { $0.markClosed() }
    }

    var phase: OutboundState.Phase { state.withLockedValue { $0.phase } }

    /// Reads and resets whether anything was queued since the last call.
    func takeSentFlag() -> Bool {
        state.withLockedValue { $0.takeSentFlag() }
    }

    func setFraming(_ framing: HubFraming) {
        state.withLockedValue { $0.framing = framing }
    }

    func setSilent(_ silent: Bool) {
        state.withLockedValue { $0.silent = silent }
    }

    var framing: HubFraming { state.withLockedValue { $0.framing } }
    var isSilent: Bool { state.withLockedValue { $0.silent } }

    /// Called by the channel handler when the socket becomes writable.
    func writabilityChanged() {
        if state.withLockedValue({ $0.becameWritable() }) {
            eventLoop.execute { self.drain(delayed: false) }
        }
    }

    @discardableResult
    private func perform(_ result: OutboundState.EnqueueResult) -> Bool {
        switch result {
        case .queued:
            return true
        case .scheduleDrain:
            eventLoop.execute { self.drain(delayed: false) }
            return true
        case .scheduleDelayedDrain(let delay):
            eventLoop.scheduleTask(in: TimeAmount(delay)) { self.drain(delayed: true) }
            return true
        case .dropped:
            return false
        case .overflow:
            close(with: Self.errorClose, discardPending: true)
            return false
        }
    }

    /// Writes what is queued. Runs on the event loop.
    private func drain(delayed: Bool) {
        let handler = self.handler.value
        guard let drain = state.withLockedValue({ $0.takeDrain(isWritable: handler.isWritable, delayed: delayed) }) else { return }
        OutboundFramer.frames(for: drain.items, framing: drain.framing) { frame in
            handler.write(frame)
        }
        handler.flush()
        if drain.closeChannel {
            handler.close()
        }
    }
}
