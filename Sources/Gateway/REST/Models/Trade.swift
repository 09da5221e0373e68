import Foundation

/// One fill (`HalfTradeModel`, and the `GatewayUserTrade` hub event). A `nil` profit and loss
/// marks an opening (half-turn) fill.
public struct Trade: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    public var accountId: Int
    public var contractId: String
    public var creationTimestamp: Date?
    public var price: Decimal
    public var profitAndLoss: Decimal?
    public var fees: Decimal
    public var side: OrderSide
    public var size: Int
    public var voided: Bool
    public var orderId: Int64

    public init(
        id: Int64, accountId: Int, contractId: String, creationTimestamp: Date? = nil, price: Decimal, profitAndLoss: Decimal?,
        fees: Decimal, side: OrderSide, size: Int, voided: Bool = false, orderId: Int64
    ) {
        self.id = id
        self.accountId = accountId
        self.contractId = contractId
        self.creationTimestamp = creationTimestamp
        self.price = price
        self.profitAndLoss = profitAndLoss
        self.fees = fees
        self.side = side
        self.size = size
        self.voided = voided
        self.orderId = orderId
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        accountId = try c.decode(Int.self, forKey: .accountId)
        contractId = try c.decode(String.self, forKey: .contractId)
        creationTimestamp = try c.decodeIfPresent(Date.self, forKey: .creationTimestamp)
        price = try c.decode(Decimal.self, forKey: .price)
        profitAndLoss = try c.decodeIfPresent(Decimal.self, forKey: .profitAndLoss)
        fees = try c.decodeIfPresent(Decimal.self, forKey: .fees) ?? 0
        side = try c.decodeIfPresent(OrderSide.self, forKey: .side) ?? .buy
        size = try c.decodeIfPresent(Int.self, forKey: .size) ?? 0
        voided = try c.decodeIfPresent(Bool.self, forKey: .voided) ?? false
        orderId = try c.decodeIfPresent(Int64.self, forKey: .orderId) ?? 0
    }
}
