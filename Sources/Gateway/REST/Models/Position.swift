import Foundation

/// An open position (`PositionModel`, and the `GatewayUserPosition` hub event). `size` is
/// unsigned; the direction is in `type`. A hub update with size 0 means the position closed.
public struct Position: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var accountId: Int
    public var contractId: String
    public var creationTimestamp: Date?
    public var type: PositionType
    public var size: Int
    /// The exact average entry price (it may lie between ticks after several fills).
    public var averagePrice: Decimal

    public init(id: Int, accountId: Int, contractId: String, creationTimestamp: Date? = nil, type: PositionType, size: Int, averagePrice: Decimal) {
        self.id = id
        self.accountId = accountId
        self.contractId = contractId
        self.creationTimestamp = creationTimestamp
        self.type = type
        self.size = size
        self.averagePrice = averagePrice
    }

    /// The size with its sign: positive long, negative short.
    public var signedSize: Int { type == .short ? -size : size }
}
