import Gateway
import Testing
@testable import TradingBot
import TestGate

@Suite("order place: local checks before anything is sent", .gated)
struct OrderTicketTests {
    static let mes = Contract(
        id: "CON.F.US.MES.Z26", name: "MESZ6", description: "Micro E-mini S&P 500", tickSize: 0.25, tickValue: 1.25,
        activeContract: true, symbolId: "F.US.MES"
    )

    func ticket(_ type: OrderTypeArgument, side: SideArgument = .buy, size: Int = 1, limit: Double? = nil, stop: Double? = nil, trail: Double? = nil) -> OrderTicket {
        OrderTicket(side: side, type: type, size: size, limit: limit, stop: stop, trail: trail, stopLossTicks: nil, takeProfitTicks: nil, tag: nil)
    }

    @Test func eachTypeNeedsItsPrice() {
        #expect(ticket(.limit).problem() == "A limit order needs --limit PRICE.")
        #expect(ticket(.stop).problem() == "A stop order needs --stop PRICE.")
        #expect(ticket(.trailing).problem()?.hasPrefix("A trailing order needs --trail PRICE") == true)
        #expect(ticket(.limit, limit: 5000).problem() == nil)
        #expect(ticket(.stop, stop: 5000).problem() == nil)
        #expect(ticket(.trailing, trail: 5000).problem() == nil)
        for type in [OrderTypeArgument.market, .joinBid, .joinAsk] { #expect(ticket(type).problem() == nil) }
    }

    @Test func pricesTheTypeIgnoresAreRefused() {
        #expect(ticket(.market, limit: 5000).problem() == "A market order takes no --limit; remove it, or use --type limit.")
        #expect(ticket(.limit, limit: 5000, stop: 4990).problem() == "A limit order takes no --stop; remove it, or use --type stop.")
        #expect(ticket(.joinBid, trail: 1).problem() == "A join-bid order takes no --trail; remove it, or use --type trailing.")
    }

    @Test func sizesAndDistancesMustBePositive() {
        #expect(ticket(.market, size: 0).problem() == "--size must be 1 or more (it is 0).")
        var withBracket = ticket(.market)
        withBracket.stopLossTicks = 0
        #expect(withBracket.problem()?.hasPrefix("--stop-loss-ticks is a distance in ticks and must be 1 or more") == true)
        withBracket.stopLossTicks = 4
        withBracket.tag = " "
        #expect(withBracket.problem() == "--tag must not be empty.")
    }

    @Test func bracketsAreSignedBySide() throws {
        var buy = ticket(.market)
        buy.stopLossTicks = 8
        buy.takeProfitTicks = 16
        let buyRequest = try buy.request(accountId: 1, contract: Self.mes)
        #expect(buyRequest.stopLossBracket == OrderRequest.Bracket(ticks: -8, type: .stop))
        #expect(buyRequest.takeProfitBracket == OrderRequest.Bracket(ticks: 16, type: .limit))
        var sell = buy
        sell.side = .sell
        let sellRequest = try sell.request(accountId: 1, contract: Self.mes)
        #expect(sellRequest.stopLossBracket?.ticks == 8)
        #expect(sellRequest.takeProfitBracket?.ticks == -16)
        #expect(sellRequest.side == .sell && sellRequest.type == .market && sellRequest.contractId == "CON.F.US.MES.Z26")
    }

    @Test func typesMapToTheGatewayEnum() throws {
        let expected: [OrderTypeArgument: OrderType] = [.market: .market, .limit: .limit, .stop: .stop, .trailing: .trailingStop, .joinBid: .joinBid, .joinAsk: .joinAsk]
        for (argument, type) in expected { #expect(argument.orderType == type) }
        let trailing = try ticket(.trailing, side: .sell, trail: 4990).request(accountId: 7, contract: Self.mes)
        #expect(trailing.trailPrice == 4990 && trailing.limitPrice == nil && trailing.stopPrice == nil)
    }

    @Test func pricesMustSitOnTheTickGrid() throws {
        let error = #expect(throws: CLIError.self) {
            try ticket(.limit, limit: 5000.1).request(accountId: 1, contract: Self.mes)
        }
        #expect(error?.status == .usage)
        #expect(error?.message == "--limit 5000.1 is not a multiple of MESZ6's tick size 0.25; use 5000 or 5000.25.")
        _ = try ticket(.limit, limit: 5000.75).request(accountId: 1, contract: Self.mes)
    }

    @Test func theCommandRefusesBadCombinationsWhileParsing() {
        // ArgumentParser runs validate() during parsing: no configuration, no network.
        #expect(throws: (any Error).self) {
            try OrderPlaceCommand.parse(["--account", "1", "--contract", "MES", "--side", "buy", "--type", "limit", "--size", "1"])
        }
        #expect(throws: Never.self) {
            try OrderPlaceCommand.parse(["--account", "1", "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "5000", "--size", "1"])
        }
    }
}
