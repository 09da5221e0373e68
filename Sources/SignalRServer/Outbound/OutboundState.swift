/// The send queue of one connection as a value: what to do when a message is queued, when the event
/// loop drains, when the socket becomes writable again, and when the connection closes.
///
/// Messages are queued from any thread under the connection's lock and written in one batch by the
/// event loop, so a burst of sends costs one event-loop hop and one flush. While the socket is not
/// writable (the peer reads slowly) messages stay queued; when more than the byte limit is queued
/// the slow connection is closed (see ``ConnectionOutbound``).
struct OutboundState {
    enum Phase: Equatable {
        /// Messages are accepted.
        case open
        /// A close frame is queued or written; nothing more is accepted.
        case closing
        /// The channel is closed or being aborted.
        case closed
    }

    /// What the caller must do after queueing.
    enum EnqueueResult: Equatable {
        /// Queued; a drain is already pending or the socket is not writable.
        case queued
        /// Queued; schedule a drain on the event loop now.
        case scheduleDrain
        /// Queued; schedule a drain after the batching delay.
        case scheduleDelayedDrain(Duration)
        /// Not queued: the connection is silent or closing.
        case dropped
        /// Not queued: the queue is over its byte limit; close the slow connection.
        case overflow
    }

    /// The items one drain writes.
    struct Drain {
        var items: [OutboundItem]
        var framing: HubFraming
        /// Close the channel once the items are written (after echoing a peer's close frame).
        var closeChannel: Bool
    }

    private(set) var phase = Phase.open
    private(set) var items: [OutboundItem] = []
    private(set) var queuedBytes = 0
    private var queuedMessages = 0
    private var drainScheduled = false
    private var delayedDrainScheduled = false
    private var awaitingWritability = false
    private var closeChannelAfterDrain = false
    /// Whether anything was queued since the keep-alive tick last looked.
    private var sentSinceTick = false
    var silent = false
    var framing = HubFraming.normal

    /// Queues a hub message.
    ///
    /// - Parameters:
    ///   - bypassSilence: queue even when ``silent`` (used for explicit Close messages).
    ///   - limit: the most bytes that may wait; a single message larger than the limit is still
    ///     accepted when nothing else waits.
    mutating func enqueue(_ message: EncodedHubMessage, bypassSilence: Bool = false, limit: Int) -> EnqueueResult {
        guard phase == .open else { return .dropped }
        if silent && !bypassSilence { return .dropped }
        if queuedBytes > 0 && queuedBytes + message.byteCount > limit { return .overflow }
        items.append(.message(message))
        queuedBytes += message.byteCount
        queuedMessages += 1
        sentSinceTick = true
        return schedule()
    }

    /// Queues a control frame (a pong). Dropped once closing.
    mutating func enqueueControl(_ frame: OutboundItem) -> EnqueueResult {
        guard phase == .open else { return .dropped }
        items.append(frame)
        return scheduleNow()
    }

    /// Starts a graceful close: optionally discards what waits, queues `closeMessage` (if any) and
    /// a close frame. Returns `nil` when the connection is already closing.
    mutating func close(closeMessage: EncodedHubMessage?, closeFrame: OutboundItem, discardPending: Bool) -> EnqueueResult? {
        guard phase == .open else { return nil }
        if discardPending {
            items.removeAll()
            queuedBytes = 0
            queuedMessages = 0
        }
        if let closeMessage {
            items.append(.message(closeMessage))
            queuedBytes += closeMessage.byteCount
            queuedMessages += 1
        }
        items.append(closeFrame)
        phase = .closing
        return scheduleNow()
    }

    /// Answers the peer's close frame with `echo` and closes the channel once it is written.
    mutating func echoClose(_ echo: OutboundItem) -> EnqueueResult? {
        switch phase {
        case .open:
            items.append(echo)
            phase = .closing
            closeChannelAfterDrain = true
            return scheduleNow()
        case .closing:
            // Our close frame is out or queued; the peer's answer completes the close handshake.
            closeChannelAfterDrain = true
            return scheduleNow()
        case .closed:
            return nil
        }
    }

    /// The channel is gone or being aborted: forget everything.
    mutating func markClosed() {
        phase = .closed
        items.removeAll()
        queuedBytes = 0
        queuedMessages = 0
    }

    /// Takes the items to write now. Returns `nil` when there is nothing to do or the socket is not
    /// writable (unless closing, when the close must get out regardless).
    mutating func takeDrain(isWritable: Bool, delayed: Bool) -> Drain? {
        if delayed {
            delayedDrainScheduled = false
        } else {
            drainScheduled = false
        }
        guard phase != .closed else { return nil }
        if items.isEmpty {
            return closeChannelAfterDrain ? takeCloseOnly() : nil
        }
        if phase == .open && !isWritable {
            awaitingWritability = true
            return nil
        }
        let drain = Drain(items: items, framing: framing, closeChannel: closeChannelAfterDrain)
        items.removeAll(keepingCapacity: true)
        queuedBytes = 0
        queuedMessages = 0
        if closeChannelAfterDrain { phase = .closed }
        return drain
    }

    /// The socket drained below its low-water mark. Returns whether a drain is needed.
    mutating func becameWritable() -> Bool {
        awaitingWritability = false
        guard !items.isEmpty, !drainScheduled else { return false }
        drainScheduled = true
        return true
    }

    /// Reads and resets the "sent since the last tick" flag.
    mutating func takeSentFlag() -> Bool {
        defer { sentSinceTick = false }
        return sentSinceTick
    }

    private mutating func takeCloseOnly() -> Drain {
        phase = .closed
        return Drain(items: [], framing: framing, closeChannel: true)
    }

    private mutating func schedule() -> EnqueueResult {
        if awaitingWritability || drainScheduled { return .queued }
        if case .batch(let maxMessages, let linger) = framing, queuedMessages < maxMessages {
            if delayedDrainScheduled { return .queued }
            delayedDrainScheduled = true
            return .scheduleDelayedDrain(linger)
        }
        drainScheduled = true
        return .scheduleDrain
    }

    private mutating func scheduleNow() -> EnqueueResult {
        if drainScheduled { return .queued }
        drainScheduled = true
        return .scheduleDrain
    }
}
