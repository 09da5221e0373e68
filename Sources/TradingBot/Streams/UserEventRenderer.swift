import Foundation
import Gateway

/// Prints what happens on one account as the user hub reports it: orders, fills, positions and
/// the account itself (balance, whether it can trade). Account updates of other accounts are
/// skipped. Each line carries the time it arrived (UTC). `--json` gets one ``StreamRecord`` of
/// type `order`, `fill`, `position` or `account` per event.
///
/// ```
/// TIME (UTC)    EVENT     DETAILS
/// 14:30:01.123  order     7100000001 filled: buy 1 CON.F.US.MES.Z26 market, filled 1 @ 5000.25
/// 14:30:01.124  fill      order 7100000001: bought 1 CON.F.US.MES.Z26 @ 5000.25, fees 0.37
/// 14:30:01.125  position  CON.F.US.MES.Z26 long 1 @ 5000.25
/// ```
struct UserEventRenderer: StreamRenderer {
    let output: Output
    let accountId: Int
    /// The account's name, for the note that says the stream is ready.
    let accountName: String
    private var headerPrinted = false

    init(output: Output, accountId: Int, accountName: String) {
        self.output = output
        self.accountId = accountId
        self.accountName = accountName
    }

    /// Says on stderr that the account is watched: the hub is silent until something happens.
    mutating func ready() {
        output.note("Watching \(accountName) (\(accountId)): orders, fills, positions and balance as they change; press Ctrl-C to stop.")
    }

    mutating func render(_ event: UserEvent, limit: Int) throws -> Int {
        guard limit > 0, let line = Self.describe(event, accountId: accountId) else { return 0 }
        if output.json {
            var record = StreamRecord(type: line.type)
            switch event {
            case .order(let order): record.order = order
            case .trade(let fill): record.fill = fill
            case .position(let position): record.position = position
            case .account(let account): record.account = account
            case .gap, .live: return 0
            }
            try output.jsonLine(record)
        } else {
            if !headerPrinted {
                headerPrinted = true
                output.text("TIME (UTC)    EVENT     DETAILS")
            }
            output.text(Formatting.timeOfDay(Date()) + "  " + line.type.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + line.details)
        }
        return 1
    }

    /// The event type and the details people read, or nil for events this account does not show.
    static func describe(_ event: UserEvent, accountId: Int) -> (type: String, details: String)? {
        switch event {
        case .order(let order):
            guard order.accountId == accountId else { return nil }
            var text = "\(order.id) \(Formatting.status(order.status)): \(Formatting.side(order.side)) \(order.size) \(order.contractId) "
                + Formatting.orderType(order.type)
            if let limit = order.limitPrice { text += " @ \(Formatting.price(limit))" }
            if let stop = order.stopPrice { text += order.limitPrice == nil ? " @ \(Formatting.price(stop))" : " stop \(Formatting.price(stop))" }
            if order.fillVolume > 0 {
                text += ", filled \(order.fillVolume)" + (order.filledPrice.map { " @ \(Formatting.price($0))" } ?? "")
            }
            if let tag = order.customTag, !tag.isEmpty { text += " [\(tag)]" }
            return ("order", text)
        case .trade(let fill):
            guard fill.accountId == accountId else { return nil }
            var text = "order \(fill.orderId): \(fill.side == .buy ? "bought" : "sold") \(fill.size) \(fill.contractId) @ \(Formatting.price(fill.price))"
                + ", fees \(Formatting.money(fill.fees))"
            if let pnl = fill.profitAndLoss { text += ", P&L \(Formatting.money(pnl))" }
            if fill.voided { text += " (voided)" }
            return ("fill", text)
        case .position(let position):
            guard position.accountId == accountId else { return nil }
            let text = position.size == 0
                ? "\(position.contractId) closed (flat)"
                : "\(position.contractId) \(Formatting.positionType(position.type)) \(position.size) @ \(Formatting.price(position.averagePrice))"
            return ("position", text)
        case .account(let account):
            guard account.id == accountId else { return nil }
            return ("account", "\(account.name) balance \(Formatting.money(account.balance))\(account.canTrade ? "" : ", cannot trade")")
        case .gap, .live:
            return nil
        }
    }
}
