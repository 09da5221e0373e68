import Testing

@testable import SignalRServer
import TestGate

@Suite("Keep-alive and lifecycle state", .gated)
struct ConnectionStateTests {
    private let start = ContinuousClock.now

    @Test("a Ping after the keep-alive interval without sends, counted from the last send")
    func keepAlive() {
        var state = KeepAliveState(keepAliveInterval: .seconds(15), clientTimeout: .seconds(30), now: start)
        #expect(state.tick(now: start + .seconds(14), sent: false, received: false, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(15), sent: false, received: false, busy: false) == .sendPing)
        #expect(state.tick(now: start + .seconds(16), sent: false, received: false, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(29), sent: true, received: false, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(43), sent: false, received: false, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(44), sent: false, received: false, busy: false) == .sendPing)
    }

    @Test("the client timeout applies only after the client's first Ping, and not while a method runs")
    func clientTimeout() {
        var state = KeepAliveState(keepAliveInterval: .seconds(1000), clientTimeout: .seconds(30), now: start)
        #expect(state.tick(now: start + .seconds(60), sent: false, received: false, busy: false) == .none)
        state.pingReceived(now: start + .seconds(60))
        #expect(state.tick(now: start + .seconds(80), sent: false, received: false, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(89), sent: false, received: true, busy: false) == .none)
        #expect(state.tick(now: start + .seconds(118), sent: false, received: false, busy: true) == .none)
        #expect(state.tick(now: start + .seconds(119), sent: false, received: false, busy: false) == .clientTimedOut)
    }

    @Test("lifecycle transitions happen once, and timeouts follow the phase")
    func lifecycle() {
        var lifecycle = ConnectionLifecycle(now: start)
        #expect(lifecycle.overdue(now: start + .seconds(15), handshakeTimeout: .seconds(15), closeTimeout: .seconds(5)) == .handshake)
        let result1 = lifecycle.handshakeSucceeded()
        #expect(result1)
        let result2 = lifecycle.handshakeSucceeded()
        #expect(!result2)
        #expect(lifecycle.isConnected)
        #expect(lifecycle.overdue(now: start + .seconds(100), handshakeTimeout: .seconds(15), closeTimeout: .seconds(5)) == .none)
        let firstClose = lifecycle.beginClosing(now: start + .seconds(100))
        let secondClose = lifecycle.beginClosing(now: start + .seconds(101))
        #expect(firstClose)
        #expect(!secondClose)
        #expect(lifecycle.overdue(now: start + .seconds(104), handshakeTimeout: .seconds(15), closeTimeout: .seconds(5)) == .none)
        #expect(lifecycle.overdue(now: start + .seconds(105), handshakeTimeout: .seconds(15), closeTimeout: .seconds(5)) == .close)
        lifecycle.closed()
        #expect(lifecycle.hasHandshaked)
        #expect(!lifecycle.isConnected)
    }
}
