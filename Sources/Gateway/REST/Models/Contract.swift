/// A futures contract (`ContractModel`).
public struct Contract: Codable, Sendable, Hashable, Identifiable {
    /// The full id, `CON.F.US.<PRODUCT>.<MonthCode><YY>`, used to subscribe and to place orders.
    public var id: String
    public var name: String
    public var description: String
    public var tickSize: Double
    public var tickValue: Double
    public var activeContract: Bool
    /// The symbol id, `F.US.<PRODUCT>`; quotes carry this, not the contract id.
    public var symbolId: String

    public init(id: String, name: String, description: String, tickSize: Double, tickValue: Double, activeContract: Bool, symbolId: String) {
        self.id = id
        self.name = name
        self.description = description
        self.tickSize = tickSize
        self.tickValue = tickValue
        self.activeContract = activeContract
        self.symbolId = symbolId
    }

    /// The product segment of the id (`EP` in `CON.F.US.EP.U25`), the reliable filter for the
    /// gateway's fuzzy search.
    public var product: String? {
        let parts = id.split(separator: ".")
        return parts.count >= 4 ? String(parts[3]) : nil
    }
}
