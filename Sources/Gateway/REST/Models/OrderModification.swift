import Foundation

/// Changes to a working order (`Order/modify`); `nil` fields stay as they are.
public struct OrderModification: Codable, Sendable, Hashable {
    public var accountId: Int
    public var orderId: Int64
    public var size: Int?
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var trailPrice: Decimal?

    public init(accountId: Int, orderId: Int64, size: Int? = nil, limitPrice: Decimal? = nil, stopPrice: Decimal? = nil, trailPrice: Decimal? = nil) {
        self.accountId = accountId
        self.orderId = orderId
        self.size = size
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trailPrice = trailPrice
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accountId, forKey: .accountId)
        try c.encode(orderId, forKey: .orderId)
        try c.encodeIfPresent(size, forKey: .size)
        try c.encodeIfPresent(limitPrice, forKey: .limitPrice)
        try c.encodeIfPresent(stopPrice, forKey: .stopPrice)
        try c.encodeIfPresent(trailPrice, forKey: .trailPrice)
    }
}
