import Foundation

/// An order (`OrderModel`, and the `GatewayUserOrder` hub event).
public struct Order: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var accountId: Int
    public var contractId: String
    public var symbolId: String?
    public var creationTimestamp: Date?
    public var updateTimestamp: Date?
    public var status: OrderStatus
    public var type: OrderType
    public var side: OrderSide
    public var size: Int
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var fillVolume: Int
    public var filledPrice: Decimal?
    public var customTag: String?

    public init(
        id: Int64, accountId: Int, contractId: String, symbolId: String? = nil, creationTimestamp: Date? = nil,
        updateTimestamp: Date? = nil, status: OrderStatus, type: OrderType, side: OrderSide, size: Int,
        limitPrice: Decimal? = nil, stopPrice: Decimal? = nil, fillVolume: Int = 0, filledPrice: Decimal? = nil, customTag: String? = nil
    ) {
        self.id = id
        self.accountId = accountId
        self.contractId = contractId
        self.symbolId = symbolId
        self.creationTimestamp = creationTimestamp
        self.updateTimestamp = updateTimestamp
        self.status = status
        self.type = type
        self.side = side
        self.size = size
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.fillVolume = fillVolume
        self.filledPrice = filledPrice
        self.customTag = customTag
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        accountId = try c.decode(Int.self, forKey: .accountId)
        contractId = try c.decode(String.self, forKey: .contractId)
        symbolId = try c.decodeIfPresent(String.self, forKey: .symbolId)
        creationTimestamp = try c.decodeIfPresent(Date.self, forKey: .creationTimestamp)
        updateTimestamp = try c.decodeIfPresent(Date.self, forKey: .updateTimestamp)
        status = try c.decodeIfPresent(OrderStatus.self, forKey: .status) ?? .none
        type = try c.decodeIfPresent(OrderType.self, forKey: .type) ?? .unknown
        // A missing side decodes as buy on the real gateway (0 is buy); keep that reading.
        side = try c.decodeIfPresent(OrderSide.self, forKey: .side) ?? .buy
        size = try c.decodeIfPresent(Int.self, forKey: .size) ?? 0
        limitPrice = try c.decodeIfPresent(Decimal.self, forKey: .limitPrice)
        stopPrice = try c.decodeIfPresent(Decimal.self, forKey: .stopPrice)
        fillVolume = try c.decodeIfPresent(Int.self, forKey: .fillVolume) ?? 0
        filledPrice = try c.decodeIfPresent(Decimal.self, forKey: .filledPrice)
        customTag = try c.decodeIfPresent(String.self, forKey: .customTag)
    }
}
