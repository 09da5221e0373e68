import Foundation
@testable import Gateway
import GatewaySimulator
import MarketData
import Testing
import TestGate

/// Prices are exact decimals from the SDK's request bodies to the simulator and back, over REST
/// and the hubs: `71.23` is sent, stored and echoed as `71.23`.
@Suite("Exact decimal prices through the SDK", .gated)
struct ExactPriceTests {
    /// The bytes of a request body, as the client sends them.
    private func body(_ value: some Encodable) throws -> String {
        let encoder = GatewayJSON.encoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func requestBodiesCarryPricesAsWritten() throws {
        let limit = OrderRequest.limit(accountId: 7, contractId: "CON.F.US.CLE.F27", side: .buy, size: 1, price: dec("71.23"))
        #expect(try body(limit).contains(#""limitPrice":71.23,"#))
        let grid = try #require(TickSize(dec("0.01")))
        let modification = OrderModification(
            accountId: 7, orderId: 9, limitPrice: grid.price(dec("71.23"), movedBy: 10), stopPrice: dec("-37.63"),
            trailPrice: dec("0.015625"))
        #expect(try body(modification) == #"{"accountId":7,"limitPrice":71.33,"orderId":9,"stopPrice":-37.63,"trailPrice":0.015625}"#)
        let stop = OrderRequest.stop(accountId: 7, contractId: "CON.F.US.TYA.H27", side: .sell, size: 2, stopPrice: dec("111.546875"))
        #expect(try body(stop).contains(#""stopPrice":111.546875,"#))
    }

    @Test func responsesDecodeExactly() throws {
        let json = #"{"id":1,"accountId":2,"contractId":"C","status":1,"type":1,"side":0,"size":1,"limitPrice":71.33,"stopPrice":0.1,"fillVolume":0,"filledPrice":115.03125}"#
        let order = try GatewayJSON.decoder().decode(Order.self, from: Data(json.utf8))
        #expect(order.limitPrice == dec("71.33") && order.limitPrice?.description == "71.33")
        #expect(order.stopPrice == dec("0.1"))
        #expect(order.filledPrice == dec("115.03125"))
        let account = try GatewayJSON.decoder().decode(Account.self, from: Data(#"{"id":1,"name":"A","balance":146210.57}"#.utf8))
        #expect(account.balance == dec("146210.57"))
        let contract = try GatewayJSON.decoder().decode(Contract.self, from: Data(
            #"{"id":"CON.F.US.TYA.H27","name":"ZNH7","description":"","tickSize":0.015625,"tickValue":15.625,"activeContract":true,"symbolId":"F.US.TYA"}"#.utf8))
        #expect(contract.tickSize == dec("0.015625") && contract.tickValue == dec("15.625"))
        #expect(contract.tickGrid?.decimals == 6)
    }

    /// A cent-grid contract (CL): a limit at 71.23 is accepted and read back as 71.23; 71.235 is
    /// refused by the gateway (here the simulator) as off the grid; 1/64 prices (ZN) round-trip.
    @Test func ordersRoundTripThroughTheSimulator() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let cl = try await client.resolveContract("CL")
        #expect(cl.tickSize == dec("0.01") && cl.tickValue == 10)
        #expect(await fixture.simulator.setMarketPrice(contractId: cl.id, price: dec("75.5")))

        let id = try await client.placeOrder(.limit(accountId: account.id, contractId: cl.id, side: .buy, size: 1, price: dec("71.23"))).id
        let order = try await client.order(accountId: account.id, orderId: id)
        #expect(order.limitPrice == dec("71.23") && order.limitPrice?.description == "71.23")
        let moved = try #require(cl.tickGrid).price(dec("71.23"), movedBy: 10)
        try await client.modifyOrder(OrderModification(accountId: account.id, orderId: id, limitPrice: moved))
        #expect(try await client.order(accountId: account.id, orderId: id).limitPrice?.description == "71.33")
        try await client.cancelOrder(accountId: account.id, orderId: id)

        do {
            _ = try await client.placeOrder(.limit(accountId: account.id, contractId: cl.id, side: .buy, size: 1, price: dec("71.235")))
            Issue.record("71.235 is off CL's 0.01 grid and must be refused")
        } catch GatewayError.rejected(_, _, let message, _) {
            #expect(message == "Invalid limit price. Price is not aligned to tick size.")
        }

        let zn = try await client.resolveContract("ZN")
        #expect(zn.tickSize == dec("0.015625"))
        #expect(await fixture.simulator.setMarketPrice(contractId: zn.id, price: dec("112")))
        let znId = try await client.placeOrder(.limit(accountId: account.id, contractId: zn.id, side: .buy, size: 1, price: dec("111.546875"))).id
        #expect(try await client.order(accountId: account.id, orderId: znId).limitPrice?.description == "111.546875")
        try await client.cancelOrder(accountId: account.id, orderId: znId)
    }

    /// Hub payloads decode to the exact prices the simulator wrote: a ZN quote moved to
    /// 111.546875 arrives as exactly that, and every depth level is on the 1/64 grid.
    @Test func hubPricesArriveExactly() async throws {
        let fixture = try await SimulatorFixture.start { configuration in
            configuration.market = MarketFeedConfiguration(seed: 11, tickInterval: .milliseconds(20), updatesPerContractPerTick: 1)
        }
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let zn = try await client.resolveContract("ZN")
        let grid = try #require(zn.tickGrid)
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribeAll(zn.id)
        #expect(await log.wait { $0.isDepth(zn.id) })
        #expect(await fixture.simulator.setMarketPrice(contractId: zn.id, price: dec("111.546875")))
        #expect(await log.wait { event in
            if case .quote(zn.id, let quote) = event { return quote.lastPrice == dec("111.546875") }
            return false
        })
        var prices: [Decimal] = []
        for event in log.all {
            switch event {
            case .quote(zn.id, let quote): prices += [quote.lastPrice, quote.bestBid, quote.bestAsk, quote.open, quote.high, quote.low].compactMap { $0 }
            case .depth(zn.id, let entries): prices += entries.filter { $0.type != .reset }.compactMap(\.price)
            case .trades(zn.id, let trades): prices += trades.compactMap(\.price)
            default: break
            }
        }
        #expect(!prices.isEmpty)
        #expect(prices.allSatisfy { grid.isAligned($0) }, "every hub price is on ZN's 1/64 grid")
        await market.stop()
    }
}
