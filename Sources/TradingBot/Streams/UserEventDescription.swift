import Foundation
import Gateway

/// Orders, fills, positions and accounts in plain words, for `watch` (``AccountChangeRenderer``)
/// and the demo's account of what the user hub pushed.
///
/// ```swift
/// UserEventDescription.order(order)   // "7 filled: buy 2 CON.F.US.MES.Z26 market, filled 2 @ 5000.25"
/// ```
enum UserEventDescription {
    /// The event type and the details people read, or nil for events this account does not show
    /// (other accounts, gaps, live markers).
    static func describe(_ event: UserEvent, accountId: Int) -> (type: String, details: String)? {
        switch event {
        case .order(let order):
            guard order.accountId == accountId else { return nil }
            return ("order", self.order(order))
        case .trade(let fill):
            guard fill.accountId == accountId else { return nil }
            return ("fill", self.fill(fill))
        case .position(let position):
            guard position.accountId == accountId else { return nil }
            return ("position", self.position(position))
        case .account(let account):
            guard account.id == accountId else { return nil }
            return ("account", self.account(account))
        case .gap, .live:
            return nil
        }
    }

    /// `7 filled: buy 2 CON.F.US.MES.Z26 market, filled 2 @ 5000.25`.
    static func order(_ order: Order) -> String {
        "\(order.id) \(Formatting.status(order.status)): " + orderTerms(order)
    }

    /// `buy 2 CON.F.US.MES.Z26 limit @ 5000.25 [tag]`: what the order is, without its id and status.
    static func orderTerms(_ order: Order) -> String {
        var text = "\(Formatting.side(order.side)) \(order.size) \(order.contractId) " + Formatting.orderType(order.type)
        if let limit = order.limitPrice { text += " @ \(Formatting.price(limit))" }
        if let stop = order.stopPrice { text += order.limitPrice == nil ? " @ \(Formatting.price(stop))" : " stop \(Formatting.price(stop))" }
        if order.fillVolume > 0 {
            text += ", filled \(order.fillVolume)" + (order.filledPrice.map { " @ \(Formatting.price($0))" } ?? "")
        }
        if let tag = order.customTag, !tag.isEmpty { text += " [\(tag)]" }
        return text
    }

    /// `order 9: sold 1 C @ 5001, fees 0.37, P&L 3.75`.
    static func fill(_ fill: Trade) -> String {
        var text = "order \(fill.orderId): \(fill.side == .buy ? "bought" : "sold") \(fill.size) \(fill.contractId) @ \(Formatting.price(fill.price))"
            + ", fees \(Formatting.money(fill.fees))"
        if let pnl = fill.profitAndLoss { text += ", P&L \(Formatting.money(pnl))" }
        if fill.voided { text += " (voided)" }
        return text
    }

    /// `CON.F.US.MES.Z26 long 1 @ 5000.25`, or `… closed (flat)` for size 0.
    static func position(_ position: Position) -> String {
        position.size == 0
            ? "\(position.contractId) closed (flat)"
            : "\(position.contractId) \(Formatting.positionType(position.type)) \(position.size) @ \(Formatting.price(position.averagePrice))"
    }

    /// `PRAC-1 balance 49999.63, cannot trade`.
    static func account(_ account: Account) -> String {
        "\(account.name) balance \(Formatting.money(account.balance))\(account.canTrade ? "" : ", cannot trade")"
    }
}
