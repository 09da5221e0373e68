import Foundation
import MarketData

/// A futures contract (`ContractModel`).
public struct Contract: Codable, Sendable, Hashable, Identifiable {
    /// The full id, `CON.F.US.<PRODUCT>.<MonthCode><YY>`, used to subscribe and to place orders.
    public var id: String
    public var name: String
    public var description: String
    /// The minimum price increment (0.25, 0.01, 0.015625, ...); see ``tickGrid``.
    public var tickSize: Decimal
    /// The money value of one tick per contract (12.50 for ES).
    public var tickValue: Decimal
    public var activeContract: Bool
    /// The symbol id, `F.US.<PRODUCT>`; quotes carry this, not the contract id.
    public var symbolId: String

    public init(id: String, name: String, description: String, tickSize: Decimal, tickValue: Decimal, activeContract: Bool, symbolId: String) {
        self.id = id
        self.name = name
        self.description = description
        self.tickSize = tickSize
        self.tickValue = tickValue
        self.activeContract = activeContract
        self.symbolId = symbolId
    }

    /// The tick grid for exact price arithmetic (alignment, nearest valid prices, brackets), or
    /// nil when the gateway reported a tick size that is not positive.
    public var tickGrid: TickSize? { TickSize(tickSize) }

    /// The product segment of the id (`EP` in `CON.F.US.EP.U25`), the reliable filter for the
    /// gateway's fuzzy search.
    public var product: String? {
        let parts = id.split(separator: ".")
        return parts.count >= 4 ? String(parts[3]) : nil
    }
}
