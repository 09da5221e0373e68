import Testing
import TestGate

@testable import Gateway

/// Restores, subscribes and unsubscribes racing them, refusals and their retry, and subscribes
/// that are not answered in time.
@Suite("Hub supervisor: subscriptions and restores", .gated)
struct HubSupervisorSubscriptionTests {
    @Test("a restore applies every wanted subscription at once and is live when all are answered")
    func restore() {
        var machine = makeSupervisor()
        for subscription in [quotesA, depthA, quotesB] { #expect(machine.subscribe(subscription, now: origin).isEmpty, "not connected: only wanted") }
        _ = machine.start()
        let connected = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let id = machine.connectionID!
        #expect(connected.applies.map(\.0) == [quotesA, depthA, quotesB])
        #expect(connected.applies.allSatisfy { $0.1 == id })
        #expect(connected.startCompletions == [nil], "start returns once connected; the restore goes on")
        #expect(machine.status == .connecting)
        #expect(machine.applyFinished(quotesA, connection: id, outcome: .done, now: origin).lives.isEmpty)
        #expect(machine.applyFinished(depthA, connection: id, outcome: .done, now: origin).lives.isEmpty)
        let last = machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin)
        #expect(last.lives == ["c1"])
        #expect(last.statuses == [.live(connectionId: "c1", subscriptions: 3)])
        #expect(machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin).isEmpty, "answered twice: ignored")
    }

    @Test("a subscription added during a restore is applied at once and the hub is live only after its answer")
    func subscribeDuringRestore() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let id = machine.connectionID!
        #expect(machine.subscribe(quotesB, now: origin).applies.map(\.0) == [quotesB])
        #expect(machine.subscribe(quotesB, now: origin).isEmpty, "already wanted")
        #expect(machine.applyFinished(quotesA, connection: id, outcome: .done, now: origin).lives.isEmpty)
        #expect(!machine.isLive)
        let done = machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin)
        #expect(done.lives == ["c1"] && machine.isLive)
    }

    @Test("subscribe while live is applied at once; while reconnecting it waits for the next connection")
    func subscribeLiveAndDisconnected() {
        var machine = Supervisor.live([quotesA])
        let id = machine.connectionID!
        #expect(machine.subscribe(quotesB, now: origin).applies.map(\.1) == [id])
        let done = machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin)
        #expect(done.statuses == [.live(connectionId: "c1", subscriptions: 2)])
        #expect(done.lives.isEmpty, "no new live event for an ordinary subscribe")
        _ = machine.connectionLost(id: id, error: lostSocket, now: origin)
        #expect(machine.subscribe(depthA, now: origin).isEmpty)
        let restored = machine.reconnectAndRestore(at: origin)
        #expect(Set(restored.applies.map(\.0)) == [quotesA, quotesB, depthA])
    }

    @Test("a late answer from a replaced connection is ignored")
    func lateAnswerFromOldConnection() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let old = machine.connectionID!
        _ = machine.connectionLost(id: old, error: lostSocket, now: origin)
        _ = machine.timerFired(machine.reconnectTimer!, now: origin)
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c2", now: origin)
        #expect(machine.applyFinished(quotesA, connection: old, outcome: .done, now: origin).isEmpty)
        #expect(!machine.isLive, "the new connection's own answer is still awaited")
        #expect(machine.applyFinished(quotesA, connection: machine.connectionID!, outcome: .done, now: origin).lives == ["c2"])
    }

    @Test("a subscribe not answered in time during a restore fails the restore: the connection is replaced")
    func restoreTimeout() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.subscribe(quotesB, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let id = machine.connectionID!
        _ = machine.applyFinished(quotesA, connection: id, outcome: .done, now: origin)
        let actions = machine.applyFinished(quotesB, connection: id, outcome: .failed(noAnswer), now: origin + .seconds(15))
        #expect(actions.closed == [id])
        #expect(actions.statuses == [.reconnecting(reason: noAnswer)])
        #expect(actions.gaps.count == 1 && actions.gaps[0].reason.hasPrefix("subscribing to quotes B failed"))
        #expect(machine.failures == 1, "a connection that never became live is a failure, however long it lasted")
        #expect(actions.reconnectDelays == [.milliseconds(500)])
        #expect(actions.lives.isEmpty)
        #expect(machine.wanted.wanted == [quotesA, quotesB], "nothing is forgotten")
        #expect(machine.forcedRestarts == 1)
    }

    @Test("a subscribe not answered in time while live replaces the connection too")
    func liveSubscribeTimeout() {
        var machine = Supervisor.live([quotesA])
        let id = machine.connectionID!
        _ = machine.subscribe(quotesB, now: origin)
        let actions = machine.applyFinished(quotesB, connection: id, outcome: .failed(noAnswer), now: origin + .seconds(20))
        #expect(actions.closed == [id])
        #expect(machine.status == .reconnecting(reason: noAnswer))
        let restored = machine.reconnectAndRestore(at: origin + .seconds(21))
        #expect(Set(restored.applies.map(\.0)) == [quotesA, quotesB])
    }

    @Test("a subscribe that fails because the connection went waits for the loss to be reported")
    func applyFailsWithTheConnection() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let id = machine.connectionID!
        #expect(machine.applyFinished(quotesA, connection: id, outcome: .failed(lostSocket), now: origin).isEmpty)
        #expect(!machine.isLive, "not live with a subscription that was not applied")
        let lost = machine.connectionLost(id: id, error: lostSocket, now: origin)
        #expect(lost.gaps.first?.reason.hasPrefix("connection lost") == true)
    }

    @Test("a refused subscription stays wanted: degraded, retried with growing pauses, live again when accepted")
    func refusedIsRetried() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesA, now: origin)
        _ = machine.subscribe(quotesB, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let id = machine.connectionID!
        _ = machine.applyFinished(quotesA, connection: id, outcome: .done, now: origin)
        let refused = machine.applyFinished(quotesB, connection: id, outcome: .refused(unknownContract), now: origin)
        #expect(refused.lives == ["c1"], "data flows for what was accepted")
        guard case .degraded(let reason)? = refused.statuses.last else {
            Issue.record("expected degraded, got \(refused.statuses)")
            return
        }
        #expect(reason.code == .refused)
        #expect(reason.message == "refused: quotes B: Contract 'B' was not found.; retrying")
        #expect(refused.refusedRetryDelays == [.seconds(1)])
        #expect(machine.wanted.wanted == [quotesA, quotesB])
        #expect(machine.refused[quotesB] == "Contract 'B' was not found.")

        var pauses: [Duration] = [.seconds(1)]
        var timer = refused.refusedRetryTimers[0]
        for _ in 0..<3 {
            #expect(machine.timerFired(timer, now: origin).applies.map(\.0) == [quotesB])
            let again = machine.applyFinished(quotesB, connection: id, outcome: .refused(unknownContract), now: origin)
            pauses += again.refusedRetryDelays
            timer = again.refusedRetryTimers[0]
        }
        #expect(pauses == [.seconds(1), .seconds(2), .seconds(4), .seconds(4)], "doubling up to the maximum")
        _ = machine.timerFired(timer, now: origin)
        let accepted = machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin)
        #expect(accepted.statuses == [.live(connectionId: "c1", subscriptions: 2)])
        #expect(accepted.lives == ["c1"], "its data starts only now: tell the consumers")
        #expect(accepted.refusedRetryDelays.isEmpty)
    }

    @Test("a refused subscription is tried again by every new connection, and its retry stops with the connection")
    func refusedAcrossConnections() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesB, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        let refused = machine.applyFinished(quotesB, connection: machine.connectionID!, outcome: .refused(unknownContract), now: origin)
        let timer = refused.refusedRetryTimers[0]
        let lost = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin)
        #expect(lost.cancelledTimers == [timer])
        #expect(machine.timerFired(timer, now: origin).isEmpty)
        _ = machine.timerFired(machine.reconnectTimer!, now: origin)
        #expect(machine.connectSucceeded(id: machine.attempt!, connectionId: "c2", now: origin).applies.map(\.0) == [quotesB])
    }

    @Test("unsubscribing the last refused subscription makes the hub live again")
    func unsubscribeRefused() {
        var machine = makeSupervisor()
        _ = machine.subscribe(quotesB, now: origin)
        _ = machine.start()
        _ = machine.connectSucceeded(id: machine.attempt!, connectionId: "c1", now: origin)
        _ = machine.applyFinished(quotesB, connection: machine.connectionID!, outcome: .refused(unknownContract), now: origin)
        let actions = machine.unsubscribe(quotesB, now: origin)
        #expect(actions.removes.isEmpty, "the server never had it")
        #expect(actions.statuses == [.live(connectionId: "c1", subscriptions: 0)])
        #expect(machine.refused.isEmpty)
    }

    @Test("unsubscribe: sent when applied; a subscribe on its way is taken back; a resubscribe waits for the unsubscribe")
    func unsubscribeRaces() {
        var machine = Supervisor.live([quotesA])
        let id = machine.connectionID!
        #expect(machine.unsubscribe(quotesA, now: origin).removes == [quotesA])
        #expect(machine.unsubscribe(quotesA, now: origin).isEmpty, "no longer wanted")
        // Subscribed again before the unsubscribe was answered: sent after it.
        #expect(machine.subscribe(quotesA, now: origin).applies.isEmpty)
        #expect(machine.removeFinished(quotesA, connection: id, outcome: .done, now: origin).applies.map(\.0) == [quotesA])
        #expect(machine.applyFinished(quotesA, connection: id, outcome: .done, now: origin).statuses == [.live(connectionId: "c1", subscriptions: 1)])

        // Unsubscribed while its subscribe is on its way: taken back once accepted.
        _ = machine.subscribe(quotesB, now: origin)
        #expect(machine.unsubscribe(quotesB, now: origin).removes.isEmpty)
        #expect(machine.applyFinished(quotesB, connection: id, outcome: .done, now: origin).removes == [quotesB])
        #expect(machine.removeFinished(quotesB, connection: id, outcome: .done, now: origin).applies.isEmpty)
        #expect(machine.applied == [quotesA])
    }

    @Test("unsubscribe while disconnected only forgets it")
    func unsubscribeDisconnected() {
        var machine = Supervisor.live([quotesA, quotesB])
        _ = machine.connectionLost(id: machine.connectionID!, error: lostSocket, now: origin)
        #expect(machine.unsubscribe(quotesA, now: origin).removes.isEmpty)
        #expect(machine.reconnectAndRestore(at: origin).applies.map(\.0) == [quotesB])
    }
}
