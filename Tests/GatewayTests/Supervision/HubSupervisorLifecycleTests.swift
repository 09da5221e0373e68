import Testing
import TestGate

@testable import Gateway

/// Start, stop, connect attempts, lost connections and the one reconnect policy: every
/// transition of the supervisor's connection side, without sockets or sleeps.
@Suite("Hub supervisor: lifecycle and reconnects", .gated)
struct HubSupervisorLifecycleTests {
    @Test("a new hub is stopped; start connects and reports connecting once")
    func start() {
        var machine = makeSupervisor()
        #expect(machine.status == .stopped(error: nil))
        let actions = machine.start()
        #expect(actions.connects.count == 1 && actions.connects[0].refreshToken == false)
        #expect(actions.statuses == [.connecting])
        #expect(machine.start().isEmpty, "a second start waits with the first")
    }

    @Test("the first connection with nothing wanted is live at once; start completes")
    func firstConnectionWithoutSubscriptions() {
        var machine = makeSupervisor()
        _ = machine.start()
        let actions = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        #expect(actions.startCompletions == [nil])
        #expect(actions.statuses == [.live(connectionId: "c1", subscriptions: 0)])
        #expect(actions.lives == ["c1"])
        #expect(machine.start().startCompletions == [nil], "start on a live hub succeeds at once")
    }

    @Test("a failed first connection stops the hub with the error and fails start; no retry")
    func firstConnectionFails() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.start()
        let attempt = machine.attempt!
        let actions = machine.connectFailed(id: attempt, error: unreachable, now: origin)
        #expect(actions.closed == [attempt], "the failed connection is forgotten")
        #expect(actions.startCompletions == [unreachable])
        #expect(actions.statuses == [.stopped(error: unreachable)])
        #expect(actions.reconnectDelays.isEmpty && actions.connects.isEmpty)
        #expect(machine.wanted.wanted == [quotesA], "the wanted set is kept for the next start")
        // A later start tries again.
        #expect(machine.start().connects.count == 1)
    }

    @Test("stop during the first connect closes the attempt, fails start; a late success is closed, a late failure ignored")
    func stopDuringConnect() {
        var machine = makeSupervisor()
        _ = machine.start()
        let attempt = machine.attempt!
        let stop = machine.stop()
        #expect(stop.closed == [attempt])
        #expect(stop.startCompletions.count == 1 && stop.startCompletions[0]?.code == .stopped)
        #expect(stop.statuses == [.stopped(error: nil)])
        // The connection completes its handshake after all: it must not live on unobserved.
        #expect(machine.connectSucceeded(id: attempt, connectionId: "late", now: origin) == [.closeConnection(id: attempt)])
        #expect(machine.connectFailed(id: attempt, error: unreachable, now: origin).isEmpty)
        #expect(machine.connectionLost(id: attempt, error: lostSocket, now: origin).isEmpty)
        #expect(machine.status == .stopped(error: nil))
        #expect(machine.stop().isEmpty, "stopping twice does nothing")
    }

    @Test("stop while live closes the connection, disarms the watchdog, and keeps the wanted set")
    func stopWhileLive() {
        var machine = Supervisor.live([quotesA], staleFeedWindow: .seconds(30))
        let id = machine.connectionID!
        let actions = machine.stop()
        #expect(actions.closed == [id])
        #expect(actions.disarmsWatchdog)
        #expect(actions.statuses == [.stopped(error: nil)])
        #expect(actions.gaps.isEmpty, "a stop is no data loss the program did not ask for")
        #expect(machine.connectionLost(id: id, error: lostSocket, now: origin).isEmpty)
        #expect(machine.wanted.wanted == [quotesA])
        // Start again: a new connection restores it.
        _ = machine.start()
        #expect(machine.connectSucceeded(id: machine.attempt!, connectionId: "c2", now: origin).applies.map(\.0) == [quotesA])
    }

    @Test("stop while waiting to reconnect cancels the timer; stop while reconnecting closes the attempt")
    func stopWhileReconnecting() {
        var machine = Supervisor.live()
        _ = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin)
        let timer = machine.reconnectTimer!
        #expect(machine.stop().cancelledTimers == [timer])
        #expect(machine.timerFired(timer, now: origin).isEmpty, "a cancelled timer that fires anyway does nothing")

        machine = Supervisor.live()
        _ = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin)
        _ = machine.timerFired(machine.reconnectTimer!, now: origin)
        let attempt = machine.attempt!
        #expect(machine.stop().closed == [attempt])
        #expect(machine.connectSucceeded(id: attempt, connectionId: "late", now: origin) == [.closeConnection(id: attempt)])
    }

    @Test("a healthy connection lost: status first, then the gap; reconnect almost at once")
    func lostAfterHealthyLife() {
        var machine = Supervisor.live([quotesA, quotesB], random: RandomSequence([0.5]))
        let id = machine.connectionID!
        let actions = machine.connectionLost(id: id, error: lostSocket, now: origin + .seconds(60))
        #expect(actions.closed == [id])
        #expect(machine.failures == 0)
        #expect(actions.reconnectDelays == [.milliseconds(50)], "within initialDelay × jitter")
        let statusIndex = actions.firstIndex { if case .reportStatus = $0 { true } else { false } }
        let gapIndex = actions.firstIndex { if case .reportGap = $0 { true } else { false } }
        #expect(statusIndex! < gapIndex!, "the status changes before the gap is reported")
        #expect(actions.statuses == [.reconnecting(reason: lostSocket)])
        #expect(actions.gaps.count == 1)
        #expect(actions.gaps[0].reason.hasPrefix("connection lost"))
        #expect(actions.gaps[0].subscriptions == [quotesA, quotesB])
        // The timer starts a new connection; it restores both.
        let fired = machine.timerFired(machine.reconnectTimer!, now: origin + .seconds(60))
        #expect(fired.connects.count == 1 && fired.connects[0].id != id)
        let restored = machine.connectSucceeded(id: fired.connects[0].id, connectionId: "c2", now: origin + .seconds(60))
        #expect(restored.applies.map(\.0) == [quotesA, quotesB])
        #expect(restored.startCompletions.isEmpty, "start completed long ago")
        #expect(machine.status == .reconnecting(reason: lostSocket), "restoring after a loss still says reconnecting")
    }

    @Test("a flapping server: each connection dropped at once is a failure; waits grow, jittered, up to the cap")
    func flappingServerIsBackedOff() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(500), maximumDelay: .seconds(15), jitter: 0.2)
        let random = RandomSequence([0.9, 0.1, 0.7, 0.3, 0.5, 0.0, 0.99, 0.2, 0.6, 0.4, 0.8])
        var machine = Supervisor.live([quotesA], policy: policy, random: random)
        var now = origin
        var delays: [Duration] = []
        for _ in 0..<11 {
            // Live, then dropped 100 ms later: not healthy.
            now += .milliseconds(100)
            delays += machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: now).reconnectDelays
            now += delays.last!
            _ = machine.reconnectAndRestore(at: now)
        }
        #expect(machine.failures == 11)
        let bases: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)] + Array(repeating: .seconds(15), count: 6)
        for (delay, base) in zip(delays, bases) {
            #expect(delay <= base && delay >= base * 0.8, "\(delay) within 20% below \(base)")
        }
        for (earlier, later) in zip(delays, delays.dropFirst()) where later < .seconds(12) {
            #expect(later > earlier, "the waits grow until the cap: \(delays)")
        }
        #expect(delays.allSatisfy { $0 <= .seconds(15) })
        // Connections in the first 10 s: the bound the loopback test checks.
        var elapsed = Duration.zero
        var attemptsWithin10s = 1
        for delay in delays {
            elapsed += delay + .milliseconds(100)
            if elapsed <= .seconds(10) { attemptsWithin10s += 1 }
        }
        #expect(attemptsWithin10s <= 6)
    }

    @Test("a connection that stayed live for the healthy duration resets the failures")
    func healthyConnectionResetsFailures() {
        var machine = Supervisor.live()
        var now = origin
        for _ in 0..<3 {
            now += .milliseconds(10)
            _ = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: now)
            _ = machine.reconnectAndRestore(at: now)
        }
        #expect(machine.failures == 3)
        now += .seconds(5)
        let actions = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: now)
        #expect(machine.failures == 0)
        #expect(actions.reconnectDelays == [.zero])
    }

    @Test("a failed reconnect attempt counts; the status shows the latest cause; success restores")
    func failedAttempts() {
        var machine = Supervisor.live()
        _ = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin + .seconds(10))
        var delays: [Duration] = []
        for _ in 0..<3 {
            _ = machine.timerFired(machine.reconnectTimer!, now: origin)
            let attempt = machine.attempt!
            let failed = machine.connectFailed(id: attempt, error: unreachable, now: origin)
            #expect(failed.closed == [attempt])
            delays += failed.reconnectDelays
        }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2)])
        #expect(machine.status == .reconnecting(reason: unreachable))
        // A stale failure report changes nothing.
        #expect(machine.connectFailed(id: 9999, error: lostSocket, now: origin).isEmpty)
        let restored = machine.reconnectAndRestore(at: origin + .seconds(20))
        #expect(restored.statuses.last == .live(connectionId: "c1", subscriptions: 1))
        #expect(restored.lives.count == 1)
    }

    @Test("events of the current connection are delivered, others dropped")
    func eventsOfOldConnectionsAreDropped() {
        var machine = Supervisor.live()
        let old = machine.connectionID!
        let delivered1 = machine.eventReceived(connection: old, now: origin)
        #expect(delivered1)
        _ = machine.connectionLost(id: old, error: lostSocket, now: origin)
        let delivered2 = machine.eventReceived(connection: old, now: origin)
        #expect(!delivered2, "after the gap, nothing of the old connection")
        _ = machine.reconnectAndRestore(at: origin)
        let delivered3 = machine.eventReceived(connection: old, now: origin)
        #expect(!delivered3)
        let delivered4 = machine.eventReceived(connection: machine.connectionID!, now: origin)
        #expect(delivered4)
    }

    @Test("GatewayLogout: the token is reported refused before the reconnect; a logout from an old connection is ignored")
    func logout() {
        var machine = Supervisor.live()
        let id = machine.connectionID!
        let logout = HubError(code: .loggedOut, message: "the gateway sent GatewayLogout")
        let actions = machine.restart(connection: id, reason: logout, refreshToken: true, now: origin + .seconds(60))
        #expect(actions.closed == [id])
        #expect(actions.gaps.map(\.reason) == ["the gateway sent GatewayLogout"])
        #expect(actions.reconnectDelays == [.zero], "a healthy session logged out reconnects at once")
        let fired = machine.timerFired(machine.reconnectTimer!, now: origin + .seconds(60))
        #expect(fired.connects.map(\.refreshToken) == [true])
        #expect(machine.restart(connection: id, reason: logout, refreshToken: true, now: origin).isEmpty)
        #expect(machine.forcedRestarts == 1)
    }

    @Test("a requested reconnect while not connected does nothing")
    func restartWhenNotConnected() {
        var machine = makeSupervisor()
        let reason = HubError(code: .reconnectRequested, message: "reconnect requested")
        #expect(machine.restart(reason: reason, now: origin).isEmpty)
        _ = machine.start()
        #expect(machine.restart(reason: reason, now: origin).isEmpty)
        _ = machine.connectAndRestore()
        #expect(machine.restart(reason: reason, now: origin).closed.count == 1)
        #expect(machine.restart(reason: reason, now: origin).isEmpty, "already reconnecting")
    }
}
