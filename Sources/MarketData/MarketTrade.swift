import Foundation

/// One item of a `GatewayTrade` event payload (gateway-api.md §6.4), decoded verbatim.
///
/// The gateway sends trades as an **array** (sometimes a single object); decode the payload as
/// ``OneOrMany``<`MarketTrade`>. Every field is optional so that one odd item does not fail
/// the batch; in particular a missing `type` stays nil rather than reading as ``TradeSide/buy``
/// (0 is a real Buy). Unknown fields are ignored.
///
/// ```swift
/// for trade in try JSONDecoder().decode(OneOrMany<MarketTrade>.self, from: payload) {
///     if let bar = aggregator.add(trade) { print(bar) }
/// }
/// ```
public struct MarketTrade: Sendable, Hashable, Codable {
    /// The symbol id, e.g. `"F.US.EP"` (not the contract id).
    public var symbolId: String?
    /// The trade price.
    public var price: Decimal?
    /// ISO-8601 wire string; see ``timestampDate``.
    public var timestamp: String?
    /// The aggressor side; nil when the field is missing.
    public var type: TradeSide?
    /// Contracts traded.
    public var volume: Int?

    /// Creates a trade from its fields.
    public init(
        symbolId: String? = nil, price: Decimal? = nil, timestamp: String? = nil,
        type: TradeSide? = nil, volume: Int? = nil
    ) {
        self.symbolId = symbolId
        self.price = price
        self.timestamp = timestamp
        self.type = type
        self.volume = volume
    }

    enum CodingKeys: String, CodingKey {
        case symbolId, price, timestamp, type, volume
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbolId = try c.decodeIfPresent(String.self, forKey: .symbolId)
        price = try c.decodeIfPresent(Decimal.self, forKey: .price)
        timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
        type = try c.decodeIfPresent(TradeSide.self, forKey: .type)
        volume = try c.decodeQuantityIfPresent(forKey: .volume)
    }

    /// `timestamp` parsed with ``GatewayTimestamp/parse(_:)``; nil if absent or malformed.
    public var timestampDate: Date? { timestamp.flatMap(GatewayTimestamp.parse) }
}
