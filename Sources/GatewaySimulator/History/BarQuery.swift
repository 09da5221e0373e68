import Foundation

/// A validated-or-not `retrieveBars` request in domain terms.
public struct BarQuery: Sendable {
    public var contractId: String
    public var live: Bool
    public var startTime: Date
    public var endTime: Date
    /// Raw AggregateBarUnit integer (validated by the generator).
    public var unit: Int
    public var unitNumber: Int
    public var limit: Int
    public var includePartialBar: Bool

    /// Creates a query.
    public init(
        contractId: String, live: Bool, startTime: Date, endTime: Date, unit: Int, unitNumber: Int,
        limit: Int, includePartialBar: Bool
    ) {
        self.contractId = contractId
        self.live = live
        self.startTime = startTime
        self.endTime = endTime
        self.unit = unit
        self.unitNumber = unitNumber
        self.limit = limit
        self.includePartialBar = includePartialBar
    }
}
