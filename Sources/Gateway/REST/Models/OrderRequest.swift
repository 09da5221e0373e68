import Foundation

/// An order to place (`PlaceOrderRequest`).
///
/// Prices are exact decimals and are sent as written: a limit of `Decimal(string: "71.23")` goes
/// out as `"limitPrice":71.23`. Build them from text or integers (or with `MarketData`'s `TickSize`),
/// not from `Double` literals, which are not exact.
///
/// ```swift
/// let price = Decimal(string: "5000.25")!
/// let order = OrderRequest.limit(accountId: 12, contractId: "CON.F.US.EP.U25", side: .buy, size: 1, price: price)
///     .withBrackets(stopLossTicks: -10, takeProfitTicks: 20)
/// let placed = try await client.placeOrder(order)   // placed.id, placed.customTag
/// ```
public struct OrderRequest: Codable, Sendable, Hashable {
    /// A protective order attached to the entry: `ticks` away from the fill, direction-signed as the
    /// gateway requires (negative below the entry price, positive above).
    public struct Bracket: Codable, Sendable, Hashable {
        public var ticks: Int
        public var type: OrderType

        public init(ticks: Int, type: OrderType) {
            self.ticks = ticks
            self.type = type
        }
    }

    public var accountId: Int
    public var contractId: String
    public var type: OrderType
    public var side: OrderSide
    public var size: Int
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    /// For trailing stops: an absolute price level; the gateway derives the distance from the last
    /// price.
    public var trailPrice: Decimal?
    /// Must be unique across the account. ``GatewayClient/placeOrder(_:)`` generates one when
    /// it is nil (see ``OrderTag``): the tag is how a placement whose answer was lost is found.
    public var customTag: String?
    public var stopLossBracket: Bracket?
    public var takeProfitBracket: Bracket?

    public init(
        accountId: Int, contractId: String, type: OrderType, side: OrderSide, size: Int, limitPrice: Decimal? = nil,
        stopPrice: Decimal? = nil, trailPrice: Decimal? = nil, customTag: String? = nil,
        stopLossBracket: Bracket? = nil, takeProfitBracket: Bracket? = nil
    ) {
        self.accountId = accountId
        self.contractId = contractId
        self.type = type
        self.side = side
        self.size = size
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trailPrice = trailPrice
        self.customTag = customTag
        self.stopLossBracket = stopLossBracket
        self.takeProfitBracket = takeProfitBracket
    }

    public static func market(accountId: Int, contractId: String, side: OrderSide, size: Int) -> OrderRequest {
        OrderRequest(accountId: accountId, contractId: contractId, type: .market, side: side, size: size)
    }

    public static func limit(accountId: Int, contractId: String, side: OrderSide, size: Int, price: Decimal) -> OrderRequest {
        OrderRequest(accountId: accountId, contractId: contractId, type: .limit, side: side, size: size, limitPrice: price)
    }

    public static func stop(accountId: Int, contractId: String, side: OrderSide, size: Int, stopPrice: Decimal) -> OrderRequest {
        OrderRequest(accountId: accountId, contractId: contractId, type: .stop, side: side, size: size, stopPrice: stopPrice)
    }

    /// Attaches stop-loss and take-profit brackets (ticks signed: negative below entry, positive above).
    public func withBrackets(stopLossTicks: Int?, takeProfitTicks: Int?) -> OrderRequest {
        var copy = self
        copy.stopLossBracket = stopLossTicks.map { Bracket(ticks: $0, type: .stop) }
        copy.takeProfitBracket = takeProfitTicks.map { Bracket(ticks: $0, type: .limit) }
        return copy
    }

    public func encode(to encoder: any Encoder) throws {
        // Optional fields are omitted rather than sent as null: strict writing.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accountId, forKey: .accountId)
        try c.encode(contractId, forKey: .contractId)
        try c.encode(type, forKey: .type)
        try c.encode(side, forKey: .side)
        try c.encode(size, forKey: .size)
        try c.encodeIfPresent(limitPrice, forKey: .limitPrice)
        try c.encodeIfPresent(stopPrice, forKey: .stopPrice)
        try c.encodeIfPresent(trailPrice, forKey: .trailPrice)
        try c.encodeIfPresent(customTag, forKey: .customTag)
        try c.encodeIfPresent(stopLossBracket, forKey: .stopLossBracket)
        try c.encodeIfPresent(takeProfitBracket, forKey: .takeProfitBracket)
    }
}
