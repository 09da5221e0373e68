import Testing

@testable import SignalR
import TestGate

@Suite("Keep-alive and server timeout state machine", .gated)
struct KeepAliveStateMachineTests {
    func machine() -> KeepAliveStateMachine {
        KeepAliveStateMachine(keepAliveInterval: .seconds(15), serverTimeout: .seconds(30), connectedAt: t0)
    }

    @Test("a Ping right after the handshake, then after 15 s without sending")
    func pings() {
        var keepAlive = machine()
        #expect(keepAlive.tick(now: t0) == .sendPing)
        #expect(keepAlive.tick(now: t0) == .wait(until: t0 + .seconds(15)))
        #expect(keepAlive.tick(now: t0 + .seconds(14)) == .wait(until: t0 + .seconds(15)))
        keepAlive.messageReceived(at: t0 + .seconds(14))
        #expect(keepAlive.tick(now: t0 + .seconds(15)) == .sendPing)
        #expect(keepAlive.tick(now: t0 + .seconds(15)) == .wait(until: t0 + .seconds(30)))
    }

    @Test("every send postpones the next Ping")
    func sendsPostpone() {
        var keepAlive = machine()
        _ = keepAlive.tick(now: t0)
        keepAlive.messageSent(at: t0 + .seconds(10))
        keepAlive.messageReceived(at: t0 + .seconds(20))
        #expect(keepAlive.tick(now: t0 + .seconds(20)) == .wait(until: t0 + .seconds(25)))
        keepAlive.messageSent(at: t0 + .seconds(24))
        #expect(keepAlive.tick(now: t0 + .seconds(25)) == .wait(until: t0 + .seconds(39)))
        // Out-of-order reports never move time backwards.
        keepAlive.messageSent(at: t0 + .seconds(1))
        #expect(keepAlive.lastSent == t0 + .seconds(24))
    }

    @Test("30 s without receiving is a server timeout, reported once")
    func serverTimeout() {
        var keepAlive = machine()
        _ = keepAlive.tick(now: t0)
        keepAlive.messageSent(at: t0 + .seconds(29))
        #expect(keepAlive.tick(now: t0 + .seconds(29)) == .wait(until: t0 + .seconds(30)))
        #expect(keepAlive.tick(now: t0 + .seconds(30)) == .serverTimedOut)
        #expect(keepAlive.tick(now: t0 + .seconds(31)) == .stop)
    }

    @Test("received messages push the timeout back")
    func receivedResetsTimeout() {
        var keepAlive = machine()
        _ = keepAlive.tick(now: t0)
        for second in stride(from: 10, through: 100, by: 10) {
            keepAlive.messageReceived(at: t0 + .seconds(second))
            keepAlive.messageSent(at: t0 + .seconds(second))
            #expect(keepAlive.tick(now: t0 + .seconds(second)) != .serverTimedOut)
        }
        #expect(keepAlive.tick(now: t0 + .seconds(129)) == .sendPing)
        #expect(keepAlive.tick(now: t0 + .seconds(130)) == .serverTimedOut)
    }
}
