import Foundation
import Testing
import TestGate
@testable import Gateway

/// ``AccountSyncMachine``: when snapshots are taken, what happens to events meanwhile, retries.
@Suite("Account sync machine", .gated)
struct AccountSyncMachineTests {
    typealias R = AccountSnapshotReducerTests

    static func snapshot(orders: [Order] = [], positions: [Position] = [], balance: Decimal = 50_000) -> AccountSnapshot {
        AccountSnapshot(accountId: 1, account: R.account(balance: balance), orders: orders, positions: positions)
    }

    /// A machine in sync with `initial`, after its first snapshot (id 1).
    static func synced(_ initial: AccountSnapshot = snapshot()) -> AccountSyncMachine {
        var machine = AccountSyncMachine(accountId: 1)
        _ = machine.started()
        _ = machine.hubLive(refused: [], reason: "live")
        _ = machine.snapshotLoaded(id: 1, initial)
        return machine
    }

    @Test func theFirstSnapshotWaitsForTheHubThenAppliesWhatArrivedMeanwhile() {
        var machine = AccountSyncMachine(accountId: 1)
        #expect(machine.status == .starting)
        #expect(machine.started() == [.status(.synchronizing(reason: "waiting for the user hub to be live"))])
        let early = R.order(1, .open)
        #expect(machine.data(.order(early)) == [], "before the hub is live: the snapshot will cover it")
        #expect(machine.hubLive(refused: [], reason: "the subscriptions are applied") == [
            .status(.synchronizing(reason: "the subscriptions are applied")), .takeSnapshot(id: 1),
        ])
        let during = R.order(2, .open)
        let filled = R.order(2, .filled, filled: 2)
        #expect(machine.data(.order(during)) == [], "buffered while the snapshot is on its way")
        #expect(machine.data(.order(filled)) == [])
        let balance = R.account(balance: 50_000)
        let actions = machine.snapshotLoaded(id: 1, Self.snapshot(orders: [early]))
        #expect(actions == [
            .publish([.orderUpdated(early), .account(balance), .orderUpdated(during), .orderFinished(filled)]), .status(.inSync),
        ])
        #expect(machine.state.orders.keys.sorted() == [1])
        #expect(machine.phase == .synced)
        #expect(machine.appliedSnapshotId == 1)
        #expect(machine.statistics.snapshots == 1)
    }

    @Test func inSyncEventsArePublishedAtOnce() {
        var machine = Self.synced()
        let order = R.order(1, .open)
        #expect(machine.data(.order(order)) == [.publish([.orderUpdated(order)])])
        #expect(machine.data(.order(order)) == [], "nothing changed")
    }

    @Test func eventsFromBeforeAGapAreNeverAppliedAfterIt() {
        // The open event is buffered, then the connection drops and the fill event is lost. The
        // snapshot after the gap no longer lists the order: applying the old open event on top
        // of it would bring back an order that is filled.
        var machine = AccountSyncMachine(accountId: 1)
        _ = machine.hubLive(refused: [], reason: "live")
        _ = machine.data(.order(R.order(1, .open)))
        #expect(machine.gap(reason: "connection lost", hubLive: false, refused: []) == [.status(.synchronizing(reason: "connection lost"))])
        #expect(machine.snapshotLoaded(id: 1, Self.snapshot()) == [], "the snapshot started before the gap is stale")
        #expect(machine.phase == .waitingForHub)
        #expect(machine.hubLive(refused: [], reason: "live again") == [.takeSnapshot(id: 2)])
        _ = machine.snapshotLoaded(id: 2, Self.snapshot())
        #expect(machine.state.orders.isEmpty)
        #expect(machine.status == .inSync)
        #expect(machine.statistics.gaps == 1)
    }

    @Test func aGapOnALiveConnectionSnapshotsAtOnce() {
        var machine = Self.synced()
        let actions = machine.gap(reason: "an unreadable GatewayUserOrder was ignored", hubLive: true, refused: [])
        #expect(actions == [.status(.synchronizing(reason: "an unreadable GatewayUserOrder was ignored")), .takeSnapshot(id: 2)])
    }

    @Test func eventsBetweenAGapAndTheLiveHubAreCoveredByTheSnapshot() {
        var machine = Self.synced()
        _ = machine.gap(reason: "connection lost", hubLive: false, refused: [])
        #expect(machine.data(.order(R.order(7, .open))) == [])
        _ = machine.hubLive(refused: [], reason: "live")
        _ = machine.snapshotLoaded(id: 2, Self.snapshot())
        #expect(machine.state.orders.isEmpty, "the snapshot read after it is the truth")
    }

    @Test func aLiveHubWhileASnapshotIsOnItsWayStartsAnother() {
        var machine = AccountSyncMachine(accountId: 1)
        _ = machine.hubLive(refused: ["trades 1 (refused)"], reason: "live")
        _ = machine.data(.order(R.order(1, .open)))
        #expect(machine.hubLive(refused: [], reason: "a refused subscription was accepted") == [.takeSnapshot(id: 2)])
        #expect(machine.snapshotLoaded(id: 1, Self.snapshot()) == [], "superseded")
        _ = machine.snapshotLoaded(id: 2, Self.snapshot())
        #expect(machine.state.orders.isEmpty, "events buffered for the superseded snapshot are dropped with it")
        #expect(machine.status == .inSync)
    }

    @Test func aLiveHubWhileInSyncResynchronizes() {
        var machine = Self.synced()
        #expect(machine.hubLive(refused: [], reason: "the user hub re-applied its subscriptions") == [
            .status(.synchronizing(reason: "the user hub re-applied its subscriptions")), .takeSnapshot(id: 2),
        ])
    }

    @Test func aRefusedSubscriptionLeavesTheStateDegradedUntilItIsAccepted() {
        var machine = AccountSyncMachine(accountId: 1)
        _ = machine.hubLive(refused: ["accounts (refused for a moment)"], reason: "live")
        let actions = machine.snapshotLoaded(id: 1, Self.snapshot())
        let degraded = AccountMonitorStatus.degraded(
            reason: "the gateway refused accounts (refused for a moment); the hub retries, updates of that kind are missing meanwhile"
        )
        #expect(actions.last == .status(degraded))
        #expect(machine.status == degraded)
        _ = machine.hubLive(refused: [], reason: "the user hub re-applied its subscriptions")
        #expect(machine.snapshotLoaded(id: 2, Self.snapshot()) == [.status(.inSync)])
    }

    @Test func aFailedSnapshotIsRetriedWithGrowingPauses() {
        var machine = AccountSyncMachine(accountId: 1, retryDelay: .milliseconds(500), maximumRetryDelay: .seconds(3))
        _ = machine.hubLive(refused: [], reason: "live")
        var delays: [Duration] = []
        var id = 1
        for attempt in 1...6 {
            let failed = machine.snapshotFailed(id: id, error: "HTTP 503")
            guard case .retrySnapshot(let retried, let delay)? = failed.last else {
                Issue.record("attempt \(attempt): \(failed)")
                return
            }
            #expect(retried == id)
            delays.append(delay)
            #expect(machine.retryDue(id: id + 7) == [], "an unknown retry is ignored")
            #expect(machine.retryDue(id: id) == [.takeSnapshot(id: id + 1)])
            id += 1
        }
        #expect(delays == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
        #expect(machine.statistics.failedSnapshots == 6)
        guard case .synchronizing(let reason) = machine.status else {
            Issue.record("\(machine.status)")
            return
        }
        #expect(reason == "live; the snapshot failed (HTTP 503); retrying in 3 s")
        #expect(machine.snapshotLoaded(id: id, Self.snapshot()).last == .status(.inSync))
        _ = machine.gap(reason: "x", hubLive: true, refused: [])
        #expect(machine.snapshotFailed(id: id + 1, error: "e").last == .retrySnapshot(id: id + 1, after: .milliseconds(500)), "a success resets the pause")
    }

    @Test func aGapDuringTheRetryPauseWaitsForTheHub() {
        var machine = AccountSyncMachine(accountId: 1)
        _ = machine.hubLive(refused: [], reason: "live")
        _ = machine.snapshotFailed(id: 1, error: "e")
        _ = machine.gap(reason: "connection lost", hubLive: false, refused: [])
        #expect(machine.retryDue(id: 1) == [], "the pause of a snapshot no longer wanted")
        #expect(machine.hubLive(refused: [], reason: "live") == [.takeSnapshot(id: 2)], "the status already says why")
        #expect(machine.status == .synchronizing(reason: "connection lost"))
    }

    @Test func statusChangesArePublishedOnce() {
        var machine = Self.synced()
        _ = machine.gap(reason: "a", hubLive: false, refused: [])
        #expect(machine.gap(reason: "a", hubLive: false, refused: []) == [], "the same status is not published twice")
        #expect(machine.statistics.gaps == 2)
    }
}
