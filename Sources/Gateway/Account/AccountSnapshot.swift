import Foundation

/// What the gateway holds for one account at a moment: the account (balance, whether it can
/// trade), its working orders, its open positions and its fills of the trading day.
///
/// ``AccountMonitor`` keeps one equal to the server's (rebuilt from REST after every gap, then
/// kept by the user hub's events). It is a plain value: compare two with `==`, or list what
/// differs with ``differences(from:)``, for example against a snapshot read back over REST.
///
/// ```swift
/// let state = try await monitor.synchronized()
/// for order in state.workingOrders { print(order.id, order.status) }
/// print(state.balance ?? 0, state.realizedProfitAndLoss, state.fees)
/// ```
public struct AccountSnapshot: Sendable, Hashable {
    public var accountId: Int
    /// The account as last reported; nil until the first snapshot.
    public var account: Account?
    /// Working orders (open, pending, suspended bracket children, pending cancellation) by id.
    public var orders: [Int64: Order]
    /// Open positions by contract id (an account holds at most one per contract).
    public var positions: [String: Position]
    /// Fills since ``fillsSince`` by id, voided ones included (flagged).
    public var fills: [Int64: Trade]
    /// The start of the window of ``fills``: fills created earlier are not kept.
    public var fillsSince: Date

    public init(
        accountId: Int, account: Account? = nil, orders: [Order] = [], positions: [Position] = [], fills: [Trade] = [],
        fillsSince: Date = .distantPast
    ) {
        self.accountId = accountId
        self.account = account
        self.orders = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.positions = Dictionary(positions.filter { $0.size != 0 }.map { ($0.contractId, $0) }, uniquingKeysWith: { _, last in last })
        self.fills = Dictionary(fills.filter { $0.creationTimestamp.map { $0 >= fillsSince } ?? true }.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        self.fillsSince = fillsSince
    }

    /// The balance as last reported.
    public var balance: Decimal? { account?.balance }

    /// Working orders, oldest first (by creation time, then id).
    public var workingOrders: [Order] {
        orders.values.sorted { ($0.creationTimestamp ?? .distantPast, $0.id) < ($1.creationTimestamp ?? .distantPast, $1.id) }
    }

    /// Open positions by contract id.
    public var openPositions: [Position] {
        positions.values.sorted { $0.contractId < $1.contractId }
    }

    /// Fills oldest first (by creation time, then id).
    public var fillsInOrder: [Trade] {
        fills.values.sorted { ($0.creationTimestamp ?? .distantPast, $0.id) < ($1.creationTimestamp ?? .distantPast, $1.id) }
    }

    /// Realised profit and loss of the fills (voided ones excluded), before fees.
    public var realizedProfitAndLoss: Decimal {
        AccountArithmetic.sum(fills.values.filter { !$0.voided }.compactMap(\.profitAndLoss))
    }

    /// Fees of the fills (voided ones excluded).
    public var fees: Decimal {
        AccountArithmetic.sum(fills.values.filter { !$0.voided }.map(\.fees))
    }

    /// What differs from `other`, one readable line per difference (empty when equal): for
    /// example `order 7100000004: missing here`, `position CON.F.US.MES.Z26: size 1 here, 2 there`.
    public func differences(from other: AccountSnapshot) -> [String] {
        var lines: [String] = []
        if accountId != other.accountId { lines.append("account id: \(accountId) here, \(other.accountId) there") }
        if account != other.account {
            lines.append("account: \(account.map(Self.describe) ?? "none") here, \(other.account.map(Self.describe) ?? "none") there")
        }
        lines += Self.compare(orders, other.orders, name: "order", describe: Self.describe)
        lines += Self.compare(positions, other.positions, name: "position", describe: Self.describe)
        lines += Self.compare(fills, other.fills, name: "fill", describe: Self.describe)
        if fillsSince != other.fillsSince { lines.append("fills since: \(fillsSince) here, \(other.fillsSince) there") }
        return lines
    }

    private static func compare<Key: Comparable, Value: Equatable>(
        _ mine: [Key: Value], _ theirs: [Key: Value], name: String, describe: (Value) -> String
    ) -> [String] {
        Set(mine.keys).union(theirs.keys).sorted().compactMap { key in
            switch (mine[key], theirs[key]) {
            case let (here?, there?) where here != there: "\(name) \(key): \(describe(here)) here, \(describe(there)) there"
            case let (here?, nil): "\(name) \(key): \(describe(here)) here, missing there"
            case let (nil, there?): "\(name) \(key): missing here, \(describe(there)) there"
            default: nil
            }
        }
    }

    private static func describe(_ account: Account) -> String {
        "balance \(account.balance)\(account.canTrade ? "" : ", cannot trade")"
    }

    private static func describe(_ order: Order) -> String {
        "\(order.status) \(order.side) \(order.size) \(order.contractId) limit \(order.limitPrice.map { "\($0)" } ?? "-") stop \(order.stopPrice.map { "\($0)" } ?? "-") filled \(order.fillVolume)"
    }

    private static func describe(_ position: Position) -> String {
        "id \(position.id) \(position.type) \(position.size) @ \(position.averagePrice)"
    }

    private static func describe(_ fill: Trade) -> String {
        "order \(fill.orderId) \(fill.side) \(fill.size) @ \(fill.price) P&L \(fill.profitAndLoss.map { "\($0)" } ?? "-") fees \(fill.fees)\(fill.voided ? " voided" : "")"
    }
}
