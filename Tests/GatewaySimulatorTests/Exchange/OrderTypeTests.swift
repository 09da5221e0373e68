import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Exchange order types", .gated)
struct OrderTypeTests {
    @Test func marketOrdersFillAtTheTouchWithPnLAndFees() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let buy = await fx.place(type: .market, side: .bid, size: 2)
        #expect(buy.failure == nil)
        let filled = try #require(await fx.order(buy.orderId))
        #expect(filled.status == .filled && filled.filledPrice == dec("6000.25") && filled.fillVolume == 2)
        let position = try #require(await fx.positions().first)
        #expect(position.type == .long && position.size == 2 && position.averagePrice == decimal("6000.25"))

        await fx.market(6010)
        let sell = await fx.place(type: .market, side: .ask, size: 2)
        #expect(await fx.order(sell.orderId)?.filledPrice == 6010)
        #expect(await fx.positions().isEmpty)
        let trades = await fx.trades()
        #expect(trades.count == 2)
        #expect(trades[0].profitAndLoss == nil, "opening half-turn")
        #expect(trades[0].fees == decimal("2.80"))
        // (6010 - 6000.25) points * 4 ticks/point * $12.50 * 2 contracts = $975
        #expect(trades[1].profitAndLoss == decimal("975"))
        #expect(trades[1].fees == decimal("2.80"))
        #expect(await fx.balance() == decimal("50969.40"))
    }

    @Test func limitOrdersRestUntilPriceCrosses() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let marketable = await fx.place(type: .limit, side: .bid, limit: 6001)
        #expect(await fx.order(marketable.orderId)?.filledPrice == dec("6000.25"), "marketable limit fills at the touch")

        let resting = await fx.place(type: .limit, side: .bid, limit: 5995)
        #expect(await fx.order(resting.orderId)?.status == .open)
        await fx.market(5995)
        #expect(await fx.order(resting.orderId)?.status == .open, "ask 5995.25 does not reach 5995")
        await fx.market(dec("5994.75"))
        let filled = try #require(await fx.order(resting.orderId))
        #expect(filled.status == .filled && filled.filledPrice == 5995, "a print through the limit fills at the limit")

        let sellLimit = await fx.place(type: .limit, side: .ask, limit: 5996)
        await fx.market(5996)
        #expect(await fx.order(sellLimit.orderId)?.filledPrice == 5996, "bid reaching a resting sell fills at its limit")
        let misaligned = await fx.place(type: .limit, side: .bid, limit: dec("5990.1"))
        #expect(misaligned.failure?.code == .orderRejected)
        #expect(misaligned.failure?.message == "Invalid limit price. Price is not aligned to tick size.")
    }

    @Test func stopOrdersTriggerAndFillAtTheTouch() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let buyStop = await fx.place(type: .stop, side: .bid, stop: 6005)
        #expect(await fx.order(buyStop.orderId)?.status == .open)
        let wrongSide = await fx.place(type: .stop, side: .ask, stop: 6005)
        #expect(wrongSide.failure?.code == .orderRejected)
        await fx.market(dec("6004.75"))
        #expect(await fx.order(buyStop.orderId)?.status == .open)
        await fx.market(6005)
        let filled = try #require(await fx.order(buyStop.orderId))
        #expect(filled.status == .filled && filled.filledPrice == dec("6005.25"))
    }

    @Test func stopLimitBecomesLimit() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let immediate = await fx.place(type: .stopLimit, side: .ask, limit: 5994, stop: 5995)
        let resting = await fx.place(type: .stopLimit, side: .ask, limit: 5996, stop: 5995)
        #expect(await fx.order(immediate.orderId)?.status == .open)
        await fx.market(5995)
        #expect(await fx.order(immediate.orderId)?.filledPrice == 5995, "triggered and marketable: fills at the bid")
        let triggered = try #require(await fx.order(resting.orderId))
        #expect(triggered.status == .open && triggered.triggered, "triggered, limit 5996 above the bid: rests")
        await fx.market(6000)
        #expect(await fx.order(resting.orderId)?.filledPrice == 5996)
        let missingLimit = await fx.place(type: .stopLimit, side: .ask, stop: 5990)
        #expect(missingLimit.failure?.code == .orderRejected)
    }

    @Test func trailingStopUsesAbsoluteTrailPriceAndRatchets() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let trail = await fx.place(type: .trailingStop, side: .ask, trail: 5995)
        var order = try #require(await fx.order(trail.orderId))
        #expect(order.stopPrice == 5995 && order.trailDistance == 20 && order.trailPrice == 5)
        await fx.market(6010)
        order = try #require(await fx.order(trail.orderId))
        #expect(order.stopPrice == 6005, "ratchets up with the market")
        await fx.market(6007)
        #expect(await fx.order(trail.orderId)?.stopPrice == 6005, "never loosens")
        await fx.market(dec("6004.75"))
        order = try #require(await fx.order(trail.orderId))
        #expect(order.status == .filled && order.filledPrice == dec("6004.75"))

        #expect(await fx.place(type: .trailingStop, side: .ask).failure?.message == "Trail Distance not set.")
        #expect(await fx.place(type: .trailingStop, side: .ask, trail: dec("6004.75")).failure?.message == "Trail Distance not set.")
        #expect(await fx.place(type: .trailingStop, side: .ask, trail: dec("5990.1")).failure?.message == "Invalid trail price. Price is not aligned to tick size.")
        #expect(await fx.place(type: .trailingStop, side: .ask, trail: dec("5754.75")).failure?.message == nil, "1000 ticks is allowed")
        #expect(await fx.place(type: .trailingStop, side: .ask, trail: dec("5754.5")).failure?.message == "Trail Distance exceeds maximum (1000)")
    }

    @Test func joinBidAndJoinAsk() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let joinBid = try #require(await fx.order(await fx.place(type: .joinBid, side: .bid).orderId))
        #expect(joinBid.status == .open && joinBid.limitPrice == 6000 && joinBid.type == .joinBid)
        let joinAsk = try #require(await fx.order(await fx.place(type: .joinAsk, side: .ask).orderId))
        #expect(joinAsk.status == .open && joinAsk.limitPrice == dec("6000.25"))
        let hitBid = try #require(await fx.order(await fx.place(type: .joinBid, side: .ask).orderId))
        #expect(hitBid.status == .filled && hitBid.filledPrice == 6000, "a sell at the bid is marketable")
    }

    @Test func modifyAndCancel() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        let id = try #require(await fx.place(type: .limit, side: .bid, size: 1, limit: 5990).orderId)
        #expect((try? await fx.exchange.modify(ModifyOrderCommand(accountId: practiceAccount, orderId: id, size: 3, limitPrice: 5991), by: fx.user).get()) != nil)
        var order = try #require(await fx.order(id))
        #expect(order.size == 3 && order.limitPrice == 5991)
        _ = try await fx.exchange.modify(ModifyOrderCommand(accountId: practiceAccount, orderId: id, limitPrice: 6002), by: fx.user).get()
        order = try #require(await fx.order(id))
        #expect(order.status == .filled && order.filledPrice == dec("6000.25"), "modified into the market: fills at the touch")
        guard case .failure(let filledFailure) = await fx.exchange.cancel(accountId: practiceAccount, orderId: id, by: fx.user) else {
            Issue.record("cancel of a filled order must fail")
            return
        }
        #expect(filledFailure.code == .rejected)
        let open = try #require(await fx.place(type: .limit, side: .bid, limit: 5980).orderId)
        #expect((try? await fx.exchange.cancel(accountId: practiceAccount, orderId: open, by: fx.user).get()) != nil)
        #expect(await fx.order(open)?.status == .cancelled)
        guard case .failure(let notFound) = await fx.exchange.modify(ModifyOrderCommand(accountId: practiceAccount, orderId: 1), by: fx.user) else {
            Issue.record("modify of a missing order must fail")
            return
        }
        #expect(notFound.code == .orderNotFound)
    }
}
