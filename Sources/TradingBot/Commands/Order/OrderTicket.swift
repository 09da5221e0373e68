import Foundation
import Gateway
import MarketData

/// What `order place` was asked to do, checked before anything is sent: the type's required
/// price is there, no price is given that the type ignores, sizes and tick distances are
/// positive; then, with the contract at hand, prices sit on the tick grid. (The size limit is
/// ``OrderSizeLimit``'s.)
///
/// Bracket distances are given as positive tick counts; the ticket signs them for the gateway
/// (a buy gets a negative stop loss and a positive take profit, a sell the opposite).
///
/// Prices are exact decimals parsed from the flag's text (``PriceArgument``), checked against the
/// tick grid in exact arithmetic (``MarketData/TickSize``) and sent as typed: `--limit 71.23` goes
/// out as `71.23`; `71.235` on a 0.01 grid is refused with `71.23` and `71.24`.
struct OrderTicket: Sendable, Equatable {
    var side: SideArgument
    var type: OrderTypeArgument
    var size: Int
    var limit: Decimal?
    var stop: Decimal?
    var trail: Decimal?
    var stopLossTicks: Int?
    var takeProfitTicks: Int?
    var tag: String?

    /// The farthest bracket accepted: far beyond any real one, and small enough that tick
    /// arithmetic on it can never overflow.
    static let maximumBracketTicks = 100_000

    /// The first problem with the flags on their own, worded for the command line, or nil.
    func problem() -> String? {
        if size < 1 { return "--size must be 1 or more (it is \(size))." }
        let given: [(OrderPriceFlag, Decimal?)] = [(.limit, limit), (.stop, stop), (.trail, trail)]
        for (flag, value) in given {
            if let value, value.isNaN { return "\(flag.flag) must be a number." }
        }
        if let required = type.requiredPrice, given.first(where: { $0.0 == required })?.1 == nil {
            let what = required == .trail ? " (the price level the stop starts at; the gateway derives the distance from the last price)" : ""
            return "A \(type.rawValue) order needs \(required.flag) PRICE\(what)."
        }
        for (flag, value) in given where value != nil && flag != type.requiredPrice {
            let hint = OrderTypeArgument.allCases.first { $0.requiredPrice == flag }.map { ", or use --type \($0.rawValue)" } ?? ""
            return "A \(type.rawValue) order takes no \(flag.flag); remove it\(hint)."
        }
        for (name, ticks) in [("--stop-loss-ticks", stopLossTicks), ("--take-profit-ticks", takeProfitTicks)] {
            if let ticks, ticks < 1 {
                return "\(name) is a distance in ticks and must be 1 or more (it is \(ticks)); its direction follows --side."
            }
            if let ticks, ticks > Self.maximumBracketTicks {
                return "\(name) must be at most \(Self.maximumBracketTicks) ticks (it is \(ticks))."
            }
        }
        if let tag, tag.trimmingCharacters(in: .whitespaces).isEmpty { return "--tag must not be empty." }
        return nil
    }

    /// The request to send, after the checks that need the contract.
    func request(accountId: Int, contract: Contract) throws(CLIError) -> OrderRequest {
        if let problem = problem() { throw .usage(problem) }
        for (flag, value) in [(OrderPriceFlag.limit, limit), (.stop, stop), (.trail, trail)] {
            if let value { try Self.checkTick(value, flag: flag, contract: contract) }
        }
        let signed = signedBracketTicks
        return OrderRequest(
            accountId: accountId, contractId: contract.id, type: type.orderType, side: side.side, size: size,
            limitPrice: limit, stopPrice: stop, trailPrice: trail, customTag: tag
        ).withBrackets(stopLossTicks: signed.stopLoss, takeProfitTicks: signed.takeProfit)
    }

    /// "a limit buy of 2 MESZ6 at 5000.25, stop loss 8 ticks (4998.25), take profit 16 ticks
    /// (5004.25)", for confirmations and results. A bracket's price is shown when the entry's
    /// price is known (limit and stop orders); the gateway places it from the actual fill.
    func summary(contract: Contract) -> String {
        var text = "a \(type.rawValue) \(side.rawValue) of \(size) \(contract.name)"
        if let limit { text += " at \(Formatting.price(limit))" }
        if let stop { text += " stop \(Formatting.price(stop))" }
        if let trail { text += " trailing from \(Formatting.price(trail))" }
        let entry = limit ?? stop
        let signed = signedBracketTicks
        func bracket(_ ticks: Int?, signed: Int?, name: String) {
            guard let ticks else { return }
            text += ", \(name) \(ticks) tick\(ticks == 1 ? "" : "s")"
            if let entry, let signed, let grid = contract.tickGrid {
                text += " (\(Formatting.price(grid.price(entry, movedBy: signed))))"
            }
        }
        bracket(stopLossTicks, signed: signed.stopLoss, name: "stop loss")
        bracket(takeProfitTicks, signed: signed.takeProfit, name: "take profit")
        return text
    }

    /// The bracket distances signed for the gateway: below the entry is negative.
    var signedBracketTicks: (stopLoss: Int?, takeProfit: Int?) {
        side == .buy
            ? (stopLossTicks.map { -$0 }, takeProfitTicks)
            : (stopLossTicks, takeProfitTicks.map { -$0 })
    }

    /// Refuses a price that is not a whole number of the contract's ticks, naming the two valid
    /// prices nearest to it. Exact: 71.23 on a 0.01 grid passes, 71.235 does not.
    static func checkTick(_ price: Decimal, flag: OrderPriceFlag, contract: Contract) throws(CLIError) {
        // A contract without a positive tick size has no grid to check against; the gateway decides.
        guard let grid = contract.tickGrid, let nearest = grid.nearestValidPrices(to: price) else { return }
        guard nearest.below != nearest.above else { return }
        throw .usage(
            "\(flag.flag) \(Formatting.price(price)) is not a multiple of \(contract.name)'s tick size \(Formatting.price(grid.value)); "
                + "use \(Formatting.price(nearest.below)) or \(Formatting.price(nearest.above))."
        )
    }
}
