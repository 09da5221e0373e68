import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Exchange brackets and positions", .gated)
struct BracketAndPositionTests {
    @Test func bracketChildrenActivateOnFillAndAreOCO() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let entry = await fx.place(
            type: .market, side: .bid, tag: "entry1",
            stopLoss: BracketSpec(ticks: -8, type: SimOrderType.stop.rawValue),
            takeProfit: BracketSpec(ticks: 12, type: SimOrderType.limit.rawValue)
        )
        #expect(entry.failure == nil)
        let all = try await fx.exchange.query(SimOrderQuery(accountId: practiceAccount, sortBy: .id, sortDirection: .ascending), by: fx.user).get().orders
        #expect(all.count == 3)
        let stopLoss = try #require(all.first { $0.customTag == "entry1-SL" })
        let takeProfit = try #require(all.first { $0.customTag == "entry1-TP" })
        #expect(stopLoss.status == .open && stopLoss.stopPrice == dec("5998.25") && stopLoss.side == .ask && stopLoss.parentOrderId == entry.orderId)
        #expect(takeProfit.status == .open && takeProfit.limitPrice == dec("6003.25") && takeProfit.linkedOrderId == stopLoss.id)
        await fx.market(dec("6003.5"))
        #expect(await fx.order(takeProfit.id)?.status == .filled)
        #expect(await fx.order(takeProfit.id)?.filledPrice == dec("6003.25"))
        #expect(await fx.order(stopLoss.id)?.status == .cancelled, "OCO sibling cancelled")
        #expect(await fx.positions().isEmpty)
        // 3 points * 4 * 12.5 = 150
        #expect(await fx.trades().last?.profitAndLoss == decimal("150"))
    }

    @Test func restingEntryKeepsChildrenSuspended() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let entry = try #require(await fx.place(
            type: .limit, side: .ask, limit: 6005, stopLoss: BracketSpec(ticks: 10, type: SimOrderType.stop.rawValue),
            takeProfit: BracketSpec(ticks: -20, type: SimOrderType.limit.rawValue)
        ).orderId)
        let open = try await fx.exchange.openOrders(accountId: practiceAccount, by: fx.user).get()
        #expect(open.map(\.id) == [entry], "searchOpen leaves out Suspended children")
        let withSuspended = try await fx.exchange.query(SimOrderQuery(accountId: practiceAccount, statuses: [.open, .suspended]), by: fx.user).get()
        #expect(withSuspended.total == 3)
        #expect(withSuspended.orders.filter { $0.status == .suspended }.count == 2)
        _ = try await fx.exchange.cancel(accountId: practiceAccount, orderId: entry, by: fx.user).get()
        let cancelled = try await fx.exchange.query(SimOrderQuery(accountId: practiceAccount, statuses: [.cancelled]), by: fx.user).get()
        #expect(cancelled.total == 3, "children die with their entry")
    }

    @Test func bracketRulesRejectButCreateTheOrder() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let wrongSign = await fx.place(type: .market, side: .ask, takeProfit: BracketSpec(ticks: 30, type: SimOrderType.limit.rawValue))
        #expect(wrongSign.failure?.code == .orderRejected)
        #expect(wrongSign.failure?.message == "Invalid take profit ticks (30). Ticks should be less than zero when going short")
        #expect(await fx.order(wrongSign.orderId)?.status == .rejected, "the rejected order exists")
        let longStop = await fx.place(type: .market, side: .bid, stopLoss: BracketSpec(ticks: 5, type: SimOrderType.stop.rawValue))
        #expect(longStop.failure?.message == "Invalid stop loss ticks (5). Ticks should be less than zero when going long")
        let positionMode = await fx.place(account: combineAccount, type: .market, side: .bid,
                                          stopLoss: BracketSpec(ticks: -5, type: SimOrderType.stop.rawValue))
        #expect(positionMode.failure?.message == "Brackets cannot be used with Position Brackets. You must enable Auto OCO Brackets.")
        #expect(await fx.order(positionMode.orderId, account: combineAccount)?.status == .rejected)
        #expect(await fx.positions().isEmpty, "nothing filled")
    }

    @Test func averagePriceFlipAndPartialClose() async throws {
        let fx = ExchangeFixture { $0.fees = .none }
        await fx.market(6000)
        await fx.place(type: .market, side: .bid, size: 1)
        await fx.market(6010)
        await fx.place(type: .market, side: .bid, size: 2)
        var position = try #require(await fx.positions().first)
        #expect(position.size == 3 && position.type == .long)
        let average = NSDecimalNumber(decimal: position.averagePrice).doubleValue
        #expect(abs(average - (6000.25 + 2 * 6010.25) / 3) < 1e-9)

        #expect((try? await fx.exchange.partiallyClosePosition(accountId: practiceAccount, contractId: esContract, size: 1, by: fx.user).get()) != nil)
        position = try #require(await fx.positions().first)
        #expect(position.size == 2 && position.type == .long)
        guard case .failure(let tooBig) = await fx.exchange.partiallyClosePosition(accountId: practiceAccount, contractId: esContract, size: 5, by: fx.user) else {
            Issue.record("oversized partial close must fail")
            return
        }
        #expect(tooBig.code == .invalidCloseSize)

        await fx.place(type: .market, side: .ask, size: 5)
        position = try #require(await fx.positions().first)
        #expect(position.type == .short && position.size == 3 && position.averagePrice == decimal("6010"), "flipped short at the bid")
        let flipTrade = try #require(await fx.trades().last)
        #expect(flipTrade.profitAndLoss != nil && flipTrade.size == 5)

        _ = try await fx.exchange.closePosition(accountId: practiceAccount, contractId: esContract, by: fx.user).get()
        #expect(await fx.positions().isEmpty)
        guard case .failure(let none) = await fx.exchange.closePosition(accountId: practiceAccount, contractId: esContract, by: fx.user) else {
            Issue.record("closing a flat position must fail")
            return
        }
        #expect(none.code == .positionNotFound)
    }

    @Test func microFeesAndShortPnL() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000, contract: mesContract)
        await fx.place(contract: mesContract, type: .market, side: .ask, size: 3)
        await fx.market(5990, contract: mesContract)
        _ = try await fx.exchange.closePosition(accountId: practiceAccount, contractId: mesContract, by: fx.user).get()
        let trades = await fx.trades()
        // short 3 at 6000, covered at the ask 5990.25: 9.75 points * 4 * 1.25 * 3 = 146.25
        #expect(trades.last?.profitAndLoss == decimal("146.25"))
        #expect(trades.map(\.fees) == [decimal("1.11"), decimal("1.11")])
        #expect(await fx.balance() == decimal("50144.03"))
    }

    @Test func resizingAnEntryPublishesItsSuspendedChildren() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let entry = try #require(await fx.place(
            type: .limit, side: .bid, limit: 5995, stopLoss: BracketSpec(ticks: -10, type: SimOrderType.stop.rawValue),
            takeProfit: BracketSpec(ticks: 20, type: SimOrderType.limit.rawValue)
        ).orderId)
        let subscription = fx.exchange.events.subscribe()
        subscription.subscribeOrders(practiceAccount)
        _ = try await fx.exchange.modify(ModifyOrderCommand(accountId: practiceAccount, orderId: entry, size: 3), by: fx.user).get()
        subscription.cancel()
        var published: [Int64: Int] = [:]
        for await event in subscription.events {
            if case .order(let order) = event { published[order.id] = order.size }
        }
        let children = try await fx.exchange.query(SimOrderQuery(accountId: practiceAccount, statuses: [.suspended]), by: fx.user).get().orders
        #expect(children.count == 2 && children.allSatisfy { $0.size == 3 })
        #expect(published.count == 3, "the entry and both children are published")
        #expect(published.values.allSatisfy { $0 == 3 })
    }

    @Test func userEventsInOrder() async throws {
        let fx = ExchangeFixture()
        let subscription = fx.exchange.events.subscribe()
        subscription.subscribeAccounts([practiceAccount])
        subscription.subscribeOrders(practiceAccount)
        subscription.subscribePositions(practiceAccount)
        subscription.subscribeTrades(practiceAccount)
        await fx.market(6000)
        await fx.place(type: .market, side: .bid)
        await fx.place(account: combineAccount, type: .market, side: .bid)
        subscription.cancel()
        var methods: [String] = []
        for await event in subscription.events {
            #expect(event.accountId == practiceAccount)
            methods.append(event.hubMethod)
        }
        #expect(methods == ["GatewayUserOrder", "GatewayUserOrder", "GatewayUserTrade", "GatewayUserPosition", "GatewayUserAccount"])
    }
}
