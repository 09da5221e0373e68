import Foundation
import Gateway

/// What `order place` was asked to do, checked before anything is sent: the type's required
/// price is there, no price is given that the type ignores, sizes and tick distances are
/// positive; then, with the contract at hand, prices sit on the tick grid. (The size limit is
/// ``OrderSizeLimit``'s.)
///
/// Bracket distances are given as positive tick counts; the ticket signs them for the gateway
/// (a buy gets a negative stop loss and a positive take profit, a sell the opposite).
struct OrderTicket: Sendable, Equatable {
    var side: SideArgument
    var type: OrderTypeArgument
    var size: Int
    var limit: Double?
    var stop: Double?
    var trail: Double?
    var stopLossTicks: Int?
    var takeProfitTicks: Int?
    var tag: String?

    /// The first problem with the flags on their own, worded for the command line, or nil.
    func problem() -> String? {
        if size < 1 { return "--size must be 1 or more (it is \(size))." }
        let given: [(OrderPriceFlag, Double?)] = [(.limit, limit), (.stop, stop), (.trail, trail)]
        for (flag, value) in given {
            if let value, !value.isFinite { return "\(flag.flag) must be a number (it is \(value))." }
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
        let signed: (stopLoss: Int?, takeProfit: Int?) = side == .buy
            ? (stopLossTicks.map { -$0 }, takeProfitTicks)
            : (stopLossTicks, takeProfitTicks.map { -$0 })
        return OrderRequest(
            accountId: accountId, contractId: contract.id, type: type.orderType, side: side.side, size: size,
            limitPrice: limit, stopPrice: stop, trailPrice: trail, customTag: tag
        ).withBrackets(stopLossTicks: signed.stopLoss, takeProfitTicks: signed.takeProfit)
    }

    /// "a limit buy of 2 MESZ6 at 5000.25", for confirmations and results.
    func summary(contract: Contract) -> String {
        var text = "a \(type.rawValue) \(side.rawValue) of \(size) \(contract.name)"
        if let limit { text += " at \(Formatting.price(limit))" }
        if let stop { text += " stop \(Formatting.price(stop))" }
        if let trail { text += " trailing from \(Formatting.price(trail))" }
        if let stopLossTicks { text += ", stop loss \(stopLossTicks) ticks" }
        if let takeProfitTicks { text += ", take profit \(takeProfitTicks) ticks" }
        return text
    }

    /// Refuses a price that is not a multiple of the contract's tick size.
    static func checkTick(_ price: Double, flag: OrderPriceFlag, contract: Contract) throws(CLIError) {
        let tick = contract.tickSize
        guard tick > 0 else { return }
        let ticks = price / tick
        guard abs(ticks - ticks.rounded()) > 1e-6 else { return }
        let below = (ticks.rounded(.down) * tick)
        let above = (ticks.rounded(.up) * tick)
        throw .usage(
            "\(flag.flag) \(Formatting.price(price)) is not a multiple of \(contract.name)'s tick size \(Formatting.price(tick)); "
                + "use \(Formatting.price(below)) or \(Formatting.price(above))."
        )
    }
}
