import Foundation
import Testing
import TestGate
@testable import Gateway

/// The pure rules of ``AccountSnapshot``: events applied, snapshots replaced, what changed.
@Suite("Account state reducer", .gated)
struct AccountSnapshotReducerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func order(_ id: Int64, _ status: OrderStatus, account: Int = 1, size: Int = 2, filled: Int = 0, limit: Decimal? = 5000, created: TimeInterval = 0) -> Order {
        Order(
            id: id, accountId: account, contractId: "CON.F.US.MES.Z26", creationTimestamp: t0.addingTimeInterval(created), status: status,
            type: .limit, side: .buy, size: size, limitPrice: limit, fillVolume: filled, filledPrice: filled > 0 ? limit : nil
        )
    }

    static func position(_ id: Int, _ type: PositionType, size: Int, average: Decimal = 5000, contract: String = "CON.F.US.MES.Z26", account: Int = 1) -> Position {
        Position(id: id, accountId: account, contractId: contract, creationTimestamp: t0, type: type, size: size, averagePrice: average)
    }

    static func fill(_ id: Int64, pnl: Decimal? = nil, fees: Decimal = dec("0.37"), voided: Bool = false, account: Int = 1, at offset: TimeInterval = 10) -> Trade {
        Trade(
            id: id, accountId: account, contractId: "CON.F.US.MES.Z26", creationTimestamp: t0.addingTimeInterval(offset), price: 5000,
            profitAndLoss: pnl, fees: fees, side: .buy, size: 1, voided: voided, orderId: 9
        )
    }

    static func account(balance: Decimal, id: Int = 1, canTrade: Bool = true) -> Account {
        Account(id: id, name: "PRAC-\(id)", balance: balance, canTrade: canTrade, isVisible: true, simulated: true)
    }

    @Test func anOrderLivesInTheWorkingSetUntilItEnds() {
        var state = AccountSnapshot(accountId: 1)
        let placed = Self.order(1, .open)
        #expect(state.apply(.order(placed)) == [.orderUpdated(placed)])
        #expect(state.apply(.order(placed)) == [], "the same event twice changes nothing")
        let partial = Self.order(1, .open, filled: 1)
        #expect(state.apply(.order(partial)) == [.orderUpdated(partial)], "a partial fill keeps it working, updated")
        #expect(state.orders[1]?.fillVolume == 1)
        let filled = Self.order(1, .filled, filled: 2)
        #expect(state.apply(.order(filled)) == [.orderFinished(filled)])
        #expect(state.orders.isEmpty)

        let other = Self.order(2, .open)
        _ = state.apply(.order(other))
        let cancelled = Self.order(2, .cancelled)
        #expect(state.apply(.order(cancelled)) == [.orderFinished(cancelled)])
        #expect(state.orders.isEmpty, "cancelled leaves the working set")
    }

    @Test func everyWorkingStatusIsKeptAndEveryEndedOneIsNot() {
        for status in OrderStatus.allCases {
            var state = AccountSnapshot(accountId: 1)
            let order = Self.order(5, status)
            let changes = state.apply(.order(order))
            if status.isWorking {
                #expect(changes == [.orderUpdated(order)], "\(status)")
                #expect(state.orders[5] == order, "\(status)")
            } else {
                #expect(changes == [.orderFinished(order)], "an order seen only when it ended is reported: \(status)")
                #expect(state.orders.isEmpty, "\(status)")
            }
        }
        #expect(OrderStatus.allCases.filter(\.isWorking) == [.open, .pending, .pendingCancellation, .suspended])
    }

    @Test func anotherAccountsEventsChangeNothing() {
        var state = AccountSnapshot(accountId: 1)
        #expect(state.apply(.order(Self.order(1, .open, account: 2))) == [])
        #expect(state.apply(.position(Self.position(1, .long, size: 1, account: 2))) == [])
        #expect(state.apply(.trade(Self.fill(1, account: 2))) == [])
        #expect(state.apply(.account(Self.account(balance: 10, id: 2))) == [])
        #expect(state.apply(.gap(reason: "x")) == [])
        #expect(state.apply(.live(connectionId: "c")) == [])
        #expect(state == AccountSnapshot(accountId: 1))
    }

    @Test func positionsOpenChangeAndClose() {
        var state = AccountSnapshot(accountId: 1)
        let opened = Self.position(10, .long, size: 1)
        #expect(state.apply(.position(opened)) == [.positionUpdated(opened)])
        #expect(state.apply(.position(opened)) == [])
        let added = Self.position(10, .long, size: 3, average: dec("5000.5"))
        #expect(state.apply(.position(added)) == [.positionUpdated(added)])
        #expect(state.positions["CON.F.US.MES.Z26"]?.size == 3)
        let closed = Self.position(10, .long, size: 0, average: dec("5000.5"))
        #expect(state.apply(.position(closed)) == [.positionClosed(closed)])
        #expect(state.positions.isEmpty)
        #expect(state.apply(.position(closed)) == [], "closing twice")
    }

    @Test func aReversalReplacesThePositionWhateverTheOrderOfItsEvents() {
        var state = AccountSnapshot(accountId: 1)
        _ = state.apply(.position(Self.position(10, .long, size: 1)))
        // The close of the old position first, then the new one (as the gateway sends them).
        let oldClosed = Self.position(10, .long, size: 0)
        let short = Self.position(11, .short, size: 2, average: 4999)
        #expect(state.apply(.position(oldClosed)) == [.positionClosed(oldClosed)])
        #expect(state.apply(.position(short)) == [.positionUpdated(short)])
        // A late close of the old id does not remove the new position.
        #expect(state.apply(.position(oldClosed)) == [])
        #expect(state.positions["CON.F.US.MES.Z26"] == short)

        // The new one first (its close was not seen): the old one is reported closed.
        var other = AccountSnapshot(accountId: 1)
        _ = other.apply(.position(Self.position(10, .long, size: 1)))
        #expect(other.apply(.position(short)) == [.positionClosed(oldClosed), .positionUpdated(short)])
        #expect(other.positions.count == 1)
    }

    @Test func positionsOfSeveralContractsAreKeptApart() {
        var state = AccountSnapshot(accountId: 1)
        let mes = Self.position(1, .long, size: 1)
        let es = Self.position(2, .short, size: 1, contract: "CON.F.US.EP.Z26")
        _ = state.apply(.position(mes))
        _ = state.apply(.position(es))
        #expect(state.openPositions == [es, mes], "sorted by contract id")
        _ = state.apply(.position(Self.position(2, .short, size: 0, contract: "CON.F.US.EP.Z26")))
        #expect(state.openPositions == [mes])
    }

    @Test func theAccountIsReplacedWhenItChanges() {
        var state = AccountSnapshot(accountId: 1)
        let first = Self.account(balance: 50_000)
        #expect(state.apply(.account(first)) == [.account(first)])
        #expect(state.apply(.account(first)) == [])
        let lower = Self.account(balance: dec("49999.63"))
        #expect(state.apply(.account(lower)) == [.account(lower)])
        #expect(state.balance == dec("49999.63"))
        let blocked = Self.account(balance: dec("49999.63"), canTrade: false)
        #expect(state.apply(.account(blocked)) == [.account(blocked)])
    }

    @Test func fillsAreKeptOnceByIdCorrectedAndWindowed() {
        var state = AccountSnapshot(accountId: 1, fillsSince: Self.t0)
        let open = Self.fill(1)
        let close = Self.fill(2, pnl: dec("6.25"))
        #expect(state.apply(.trade(open)) == [.fill(open)])
        #expect(state.apply(.trade(open)) == [], "deduplicated by id")
        #expect(state.apply(.trade(close)) == [.fill(close)])
        #expect(state.fills.count == 2)
        #expect(state.realizedProfitAndLoss == dec("6.25"))
        #expect(state.fees == dec("0.74"))
        let voided = Self.fill(2, pnl: dec("6.25"), voided: true)
        #expect(state.apply(.trade(voided)) == [.fill(voided)], "a correction replaces the fill")
        #expect(state.fills.count == 2)
        #expect(state.realizedProfitAndLoss == 0, "voided fills do not count")
        #expect(state.fees == dec("0.37"))
        let yesterday = Self.fill(3, at: -60)
        #expect(state.apply(.trade(yesterday)) == [], "created before the window")
        #expect(state.fillsInOrder.map(\.id) == [1, 2])
    }

    @Test func aSnapshotReplacesTheStateAndSaysWhatChanged() {
        var state = AccountSnapshot(accountId: 1, fillsSince: Self.t0)
        let kept = Self.order(1, .open, created: 1)
        let changed = Self.order(2, .open, created: 2)
        let gone = Self.order(3, .open, created: 3)
        for order in [kept, changed, gone] { _ = state.apply(.order(order)) }
        let closedMeanwhile = Self.position(10, .long, size: 1, contract: "CON.F.US.EP.Z26")
        let reversedMeanwhile = Self.position(11, .long, size: 1)
        _ = state.apply(.position(closedMeanwhile))
        _ = state.apply(.position(reversedMeanwhile))
        _ = state.apply(.trade(Self.fill(1)))
        _ = state.apply(.account(Self.account(balance: 50_000)))

        let modified = Self.order(2, .open, limit: 4999, created: 2)
        let new = Self.order(4, .suspended, created: 4)
        let short = Self.position(12, .short, size: 1)
        let missedFill = Self.fill(2, pnl: -5)
        let account = Self.account(balance: dec("49994.26"))
        let snapshot = AccountSnapshot(
            accountId: 1, account: account, orders: [kept, modified, new], positions: [short], fills: [Self.fill(1), missedFill],
            fillsSince: Self.t0
        )
        var closedEP = closedMeanwhile
        closedEP.size = 0
        var closedMES = reversedMeanwhile
        closedMES.size = 0
        let changes = state.replace(with: snapshot)
        #expect(changes == [
            .orderUpdated(modified), .orderUpdated(new), .orderFinished(gone),
            .positionClosed(closedEP), .positionClosed(closedMES), .positionUpdated(short),
            .fill(missedFill), .account(account),
        ])
        #expect(state == snapshot)
        #expect(state.replace(with: snapshot) == [], "the same snapshot again changes nothing")
    }

    @Test func aNewTradingDayDropsYesterdaysFillsWithoutAChange() {
        var state = AccountSnapshot(accountId: 1, fills: [Self.fill(1)], fillsSince: Self.t0)
        let tomorrow = Self.t0.addingTimeInterval(86_400)
        let changes = state.replace(with: AccountSnapshot(accountId: 1, fillsSince: tomorrow))
        #expect(changes.isEmpty)
        #expect(state.fills.isEmpty && state.fillsSince == tomorrow)
    }

    @Test func theInitializerKeepsOnlyWhatTheStateHolds() {
        let snapshot = AccountSnapshot(
            accountId: 1, positions: [Self.position(1, .long, size: 0)], fills: [Self.fill(1, at: -1), Self.fill(2)], fillsSince: Self.t0
        )
        #expect(snapshot.positions.isEmpty, "a size-0 position is closed")
        #expect(snapshot.fills.keys.sorted() == [2], "fills before the window are not kept")
    }

    @Test func differencesNameWhatDiffers() {
        let a = AccountSnapshot(accountId: 1, account: Self.account(balance: 100), orders: [Self.order(1, .open)], positions: [Self.position(1, .long, size: 1)])
        var b = a
        #expect(a.differences(from: b).isEmpty)
        b.orders[1]?.size = 3
        b.orders[2] = Self.order(2, .open)
        b.positions = [:]
        b.account?.balance = 90
        let lines = a.differences(from: b)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("account: balance 100 here, balance 90 there") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("order 1: open buy 2") && $0.contains("there") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("order 2: missing here") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("position CON.F.US.MES.Z26: id 1 long 1 @ 5000 here, missing there") }, "\(lines)")
    }
}
