import Testing
import TestGate

@testable import Gateway

/// The stale-feed watchdog inside the supervisor: armed only while live with subscriptions,
/// disarmed by every loss, a stop, or the last unsubscribe.
@Suite("Hub supervisor: watchdog", .gated)
struct HubSupervisorWatchdogTests {
    @Test("armed when live with subscriptions; not before, not without any")
    func armsWhenLiveWithSubscriptions() {
        var machine = makeSupervisor(staleFeedWindow: .seconds(4))
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.start()
        let connected = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        #expect(!connected.armsWatchdog, "not while restoring")
        let live = machine.applyFinished(quotesA, connection: machine.connectionID!, outcome: .done, now: origin)
        #expect(live.contains(.armWatchdog(tick: .seconds(1))), "ticks at a quarter of the window")

        var empty = makeSupervisor(staleFeedWindow: .seconds(4))
        _ = empty.start()
        #expect(!empty.connectAndRestore().armsWatchdog, "silence means nothing without subscriptions")
        var plain = makeSupervisor()
        _ = plain.start()
        #expect(!plain.connectAndRestore().armsWatchdog, "no window, no watchdog")
    }

    @Test("a silent feed is reconnected once; events keep it quiet; the reconnect disarms it")
    func staleFeed() {
        var machine = Supervisor.live([quotesA], staleFeedWindow: .seconds(4))
        let id = machine.connectionID!
        #expect(machine.watchdogTick(now: origin + .seconds(3)).isEmpty)
        let delivered = machine.eventReceived(connection: id, now: origin + .seconds(3))
        #expect(delivered)
        #expect(machine.watchdogTick(now: origin + .seconds(6)).isEmpty, "an event at 3 s moved the silence's start")
        let stale = machine.watchdogTick(now: origin + .seconds(7))
        #expect(stale.closed == [id])
        #expect(stale.disarmsWatchdog)
        #expect(stale.gaps.first?.reason == "no market data for 4 s while connected (stale feed)")
        #expect(machine.staleRestarts == 1)
        guard case .reconnecting(let reason) = machine.status else {
            Issue.record("expected reconnecting, got \(machine.status)")
            return
        }
        #expect(reason.code == .staleFeed)
        #expect(stale.reconnectDelays == [.zero], "a connection live for longer than the healthy duration")
        #expect(machine.watchdogTick(now: origin + .seconds(100)).isEmpty, "not live: no verdict")
        // Reconnected: armed again with the doubled silence allowed.
        let restored = machine.reconnectAndRestore(at: origin + .seconds(8))
        #expect(restored.armsWatchdog)
        #expect(machine.watchdog?.allowedSilence == .seconds(8))
        #expect(machine.watchdogTick(now: origin + .seconds(15)).isEmpty)
        #expect(machine.watchdogTick(now: origin + .seconds(16)).closed.count == 1)
    }

    @Test("the last unsubscribe disarms it; a new subscription arms it from its answer")
    func unsubscribeAndSubscribe() {
        var machine = Supervisor.live([quotesA], staleFeedWindow: .seconds(4))
        let id = machine.connectionID!
        let removed = machine.unsubscribe(quotesA, now: origin + .seconds(1))
        #expect(removed.disarmsWatchdog)
        #expect(machine.watchdogTick(now: origin + .seconds(60)).isEmpty)
        _ = machine.removeFinished(quotesA, connection: id, outcome: .done, now: origin + .seconds(1))
        _ = machine.subscribe(quotesB, now: origin + .seconds(60))
        let applied = machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin + .seconds(61))
        #expect(applied.armsWatchdog)
        #expect(machine.watchdogTick(now: origin + .seconds(64)).isEmpty, "counted from the answer")
        #expect(machine.watchdogTick(now: origin + .seconds(65)).closed == [id])
    }

    @Test("a lost connection and a stop disarm it")
    func lossAndStopDisarm() {
        var machine = Supervisor.live([quotesA], staleFeedWindow: .seconds(4))
        #expect(machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin).disarmsWatchdog)
        #expect(machine.reconnectAndRestore(at: origin).armsWatchdog)
        #expect(machine.stop().disarmsWatchdog)
    }
}
