import NIOCore
import SignalRProtocol
import Testing

@testable import SignalRServer
import TestGate

@Suite("Outbound queue state", .gated)
struct OutboundStateTests {
    private let message = EncodedHubMessage(.ping)
    private let closeFrame = OutboundItem.control(WebSocketFrameHeader.closeFrame())

    @Test("the first message schedules a drain; the next ones ride on it")
    func coalescing() {
        var state = OutboundState()
        #expect(state.enqueue(message, limit: 1000) == .scheduleDrain)
        #expect(state.enqueue(message, limit: 1000) == .queued)
        let result1 = state.takeSentFlag()
        #expect(result1)
        let result2 = state.takeSentFlag()
        #expect(!result2)
        let drain = state.takeDrain(isWritable: true, delayed: false)
        #expect(drain?.items.count == 2)
        #expect(state.enqueue(message, limit: 1000) == .scheduleDrain)
    }

    @Test("a silent queue drops messages but still accepts a Close")
    func silence() {
        var state = OutboundState()
        state.silent = true
        #expect(state.enqueue(message, limit: 1000) == .dropped)
        let result3 = state.takeSentFlag()
        #expect(!result3)
        #expect(state.close(closeMessage: message, closeFrame: closeFrame, discardPending: false) == .scheduleDrain)
        #expect(state.takeDrain(isWritable: true, delayed: false)?.items.count == 2)
        #expect(state.phase == .closing)
        #expect(state.enqueue(message, limit: 1000) == .dropped)
    }

    @Test("an unwritable socket holds messages until it drains; past the limit the queue overflows")
    func writabilityAndOverflow() {
        var state = OutboundState()
        let size = message.byteCount
        #expect(state.enqueue(message, limit: size * 2) == .scheduleDrain)
        #expect(state.takeDrain(isWritable: false, delayed: false) == nil)
        #expect(state.enqueue(message, limit: size * 2) == .queued)
        #expect(state.enqueue(message, limit: size * 2) == .overflow)
        let result4 = state.becameWritable()
        #expect(result4)
        #expect(state.takeDrain(isWritable: true, delayed: false)?.items.count == 2)
    }

    @Test("one message larger than the limit is still accepted into an empty queue")
    func oversizedSingleMessage() {
        var state = OutboundState()
        #expect(state.enqueue(EncodedHubMessage.padded(target: "T", totalBytes: 10_000), limit: 100) == .scheduleDrain)
    }

    @Test("a close discards waiting messages when asked and closes the channel after the peer's echo")
    func closing() {
        var state = OutboundState()
        _ = state.enqueue(message, limit: 1000)
        #expect(state.close(closeMessage: nil, closeFrame: closeFrame, discardPending: true) == .queued)
        let drain = state.takeDrain(isWritable: false, delayed: false)
        #expect(drain?.items.count == 1)
        #expect(drain?.closeChannel == false)
        #expect(state.close(closeMessage: nil, closeFrame: closeFrame, discardPending: false) == nil)
        #expect(state.echoClose(closeFrame) == .scheduleDrain)
        #expect(state.takeDrain(isWritable: true, delayed: false)?.closeChannel == true)
        #expect(state.phase == .closed)
    }

    @Test("batching waits for companions, and drains at once when the batch is full")
    func batching() {
        var state = OutboundState()
        state.framing = .batch(maxMessages: 3, linger: .milliseconds(30))
        #expect(state.enqueue(message, limit: 1000) == .scheduleDelayedDrain(.milliseconds(30)))
        #expect(state.enqueue(message, limit: 1000) == .queued)
        #expect(state.enqueue(message, limit: 1000) == .scheduleDrain)
        #expect(state.takeDrain(isWritable: true, delayed: false)?.items.count == 3)
        #expect(state.takeDrain(isWritable: true, delayed: true) == nil)
        #expect(state.enqueue(message, limit: 1000) == .scheduleDelayedDrain(.milliseconds(30)))
    }

    @Test("after markClosed nothing is accepted or drained")
    func closed() {
        var state = OutboundState()
        _ = state.enqueue(message, limit: 1000)
        state.markClosed()
        #expect(state.takeDrain(isWritable: true, delayed: false) == nil)
        #expect(state.enqueue(message, limit: 1000) == .dropped)
        #expect(state.enqueueControl(closeFrame) == .dropped)
    }
}
