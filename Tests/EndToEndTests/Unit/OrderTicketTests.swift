import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

@Suite("order place: local checks before anything is sent", .gated)
struct OrderTicketTests {
    static let mes = contract("MESZ6", "MES", tick: "0.25", value: "1.25")
    static let cl = contract("CLF7", "CLE", tick: "0.01", value: "10")

    /// A contract of the catalogue's kind; the tick grids under test are the catalogue's.
    static func contract(_ name: String, _ product: String, tick: String, value: String) -> Contract {
        Contract(
            id: "CON.F.US.\(product).Z26", name: name, description: name, tickSize: dec(tick), tickValue: dec(value),
            activeContract: true, symbolId: "F.US.\(product)")
    }

    func ticket(_ type: OrderTypeArgument, side: SideArgument = .buy, size: Int = 1, limit: Decimal? = nil, stop: Decimal? = nil, trail: Decimal? = nil) -> OrderTicket {
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
            try ticket(.limit, limit: dec("5000.1")).request(accountId: 1, contract: Self.mes)
        }
        #expect(error?.status == .usage)
        #expect(error?.message == "--limit 5000.1 is not a multiple of MESZ6's tick size 0.25; use 5000 or 5000.25.")
        _ = try ticket(.limit, limit: dec("5000.75")).request(accountId: 1, contract: Self.mes)
    }
    /// The examples on CL's cent grid: 71.23 is accepted and sent as 71.23; 71.235 is
    /// refused with the two nearest valid prices; brackets ten ticks away are 71.13 and 71.33.
    @Test func centGridPricesAreExact() throws {
        var ticket = ticket(.limit, limit: dec("71.23"))
        ticket.stopLossTicks = 10
        ticket.takeProfitTicks = 10
        let request = try ticket.request(accountId: 1, contract: Self.cl)
        #expect(request.limitPrice == dec("71.23") && request.limitPrice?.description == "71.23")
        #expect(ticket.summary(contract: Self.cl)
            == "a limit buy of 1 CLF7 at 71.23, stop loss 10 ticks (71.13), take profit 10 ticks (71.33)")
        var sell = ticket
        sell.side = .sell
        #expect(sell.summary(contract: Self.cl).hasSuffix("stop loss 10 ticks (71.33), take profit 10 ticks (71.13)"))

        let error = #expect(throws: CLIError.self) {
            try self.ticket(.limit, limit: dec("71.235")).request(accountId: 1, contract: Self.cl)
        }
        #expect(error?.message == "--limit 71.235 is not a multiple of CLF7's tick size 0.01; use 71.23 or 71.24.")
        let negative = #expect(throws: CLIError.self) {
            try self.ticket(.stop, side: .sell, stop: dec("-37.635")).request(accountId: 1, contract: Self.cl)
        }
        #expect(negative?.message == "--stop -37.635 is not a multiple of CLF7's tick size 0.01; use -37.64 or -37.63.")
    }

    /// Every grid of the catalogue: on-grid prices pass unchanged, a price half a tick off is
    /// refused with its two neighbours, and brackets land exactly N ticks away.
    @Test(arguments: [
        ("0.25", "5000.25", "5000.125", "5000", "5000.25", "5002.75"),
        ("0.1", "3400.1", "3400.15", "3400.1", "3400.2", "3401.1"),
        ("0.01", "71.23", "71.235", "71.23", "71.24", "71.33"),
        ("0.005", "38.005", "38.0075", "38.005", "38.01", "38.055"),
        ("0.03125", "115.03125", "115.046875", "115.03125", "115.0625", "115.34375"),
        ("0.015625", "111.546875", "111.5546875", "111.546875", "111.5625", "111.703125"),
    ])
    func everyGridIsExact(tick: String, onGrid: String, between: String, below: String, above: String, tenAbove: String) throws {
        let contract = Self.contract("X", "X", tick: tick, value: "1")
        var ticket = ticket(.limit, limit: dec(onGrid))
        ticket.takeProfitTicks = 10
        #expect(try ticket.request(accountId: 1, contract: contract).limitPrice == dec(onGrid))
        #expect(ticket.summary(contract: contract).hasSuffix("take profit 10 ticks (\(tenAbove))"))
        let error = #expect(throws: CLIError.self) {
            try self.ticket(.limit, limit: dec(between)).request(accountId: 1, contract: contract)
        }
        #expect(error?.message == "--limit \(between) is not a multiple of X's tick size \(tick); use \(below) or \(above).")
    }

    /// Prices are read from the flag's text exactly; anything that is not a plain decimal is a
    /// usage error from the parser, before any network.
    @Test func priceArgumentsAreReadExactly() throws {
        #expect(PriceArgument(argument: "71.23")?.value == dec("71.23"))
        #expect(PriceArgument(argument: "71.23")?.value.description == "71.23")
        #expect(PriceArgument(argument: "-37.63")?.value == dec("-37.63"))
        #expect(PriceArgument(argument: "5000")?.value == 5000)
        #expect(PriceArgument(argument: "0.015625")?.value == dec("0.015625"))
        for text in ["", "-", ".5", "5.", "71.2.3", "71,23", "1e3", "+5", " 71.23", "71.23 ", "abc", "71.23abc", "NaN", "0x10"] {
            #expect(PriceArgument(argument: text) == nil, "'\(text)'")
        }
        let parsed = try OrderPlaceCommand.parse([
            "--account", "1", "--contract", "CL", "--side", "buy", "--type", "limit", "--limit", "71.23", "--size", "1",
        ])
        #expect(parsed.ticket.limit?.description == "71.23")
        #expect(throws: (any Error).self) {
            try OrderPlaceCommand.parse(["--account", "1", "--contract", "CL", "--side", "buy", "--type", "limit", "--limit", "71,23", "--size", "1"])
        }
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
