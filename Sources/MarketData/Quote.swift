import Foundation

/// A `GatewayQuote` event payload (gateway-api.md §6.4), decoded verbatim.
///
/// Every field is optional: the reference neither documents nor rules out partial updates
/// (changed fields only), so a quote carrying just `lastPrice` must decode. Unknown fields are
/// ignored. Merge partial updates with ``merge(_:)`` or keep a ``QuoteState``.
///
/// - `symbol` is the **symbol id** (`"F.US.EP"`), not the contract id; route quotes by the
///   event's first argument (the contract id), not by this field.
/// - Prices, changes and percentages are exact `Decimal`s, as written on the wire (`5000.25`,
///   `-0.23`); see ``TickSize`` for arithmetic on the tick grid.
/// - Timestamps stay the wire strings; ``timestampDate`` / ``lastUpdatedDate`` parse on demand
///   so that consumers that never look at them pay nothing.
///
/// ```swift
/// let quote = try JSONDecoder().decode(Quote.self, from: payload)
/// if let bid = quote.bestBid, let ask = quote.bestAsk { print(ask - bid) }
/// ```
public struct Quote: Sendable, Hashable, Codable {
    /// The symbol id, e.g. `"F.US.EP"` (not the contract id).
    public var symbol: String?
    /// A friendly name such as `"/ES"` (the reference calls it "currently unused").
    public var symbolName: String?
    /// Last traded price.
    public var lastPrice: Decimal?
    /// Best bid price (no size: sizes come from depth).
    public var bestBid: Decimal?
    /// Best ask price (no size: sizes come from depth).
    public var bestAsk: Decimal?
    /// Price change as the gateway reports it (its base is not documented).
    public var change: Decimal?
    /// Percent change as the gateway reports it (its base is not documented).
    public var changePercent: Decimal?
    /// Session open.
    public var open: Decimal?
    /// Session high.
    public var high: Decimal?
    /// Session low.
    public var low: Decimal?
    /// Session volume in contracts.
    public var volume: Int?
    /// ISO-8601 wire string; see ``lastUpdatedDate``.
    public var lastUpdated: String?
    /// ISO-8601 wire string; see ``timestampDate``.
    public var timestamp: String?

    /// Creates a quote; omitted fields are nil (absent), as in a partial update.
    public init(
        symbol: String? = nil, symbolName: String? = nil, lastPrice: Decimal? = nil,
        bestBid: Decimal? = nil, bestAsk: Decimal? = nil, change: Decimal? = nil,
        changePercent: Decimal? = nil, open: Decimal? = nil, high: Decimal? = nil, low: Decimal? = nil,
        volume: Int? = nil, lastUpdated: String? = nil, timestamp: String? = nil
    ) {
        self.symbol = symbol
        self.symbolName = symbolName
        self.lastPrice = lastPrice
        self.bestBid = bestBid
        self.bestAsk = bestAsk
        self.change = change
        self.changePercent = changePercent
        self.open = open
        self.high = high
        self.low = low
        self.volume = volume
        self.lastUpdated = lastUpdated
        self.timestamp = timestamp
    }

    enum CodingKeys: String, CodingKey {
        case symbol, symbolName, lastPrice, bestBid, bestAsk, change, changePercent
        case open, high, low, volume, lastUpdated, timestamp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        symbolName = try c.decodeIfPresent(String.self, forKey: .symbolName)
        lastPrice = try c.decodeIfPresent(Decimal.self, forKey: .lastPrice)
        bestBid = try c.decodeIfPresent(Decimal.self, forKey: .bestBid)
        bestAsk = try c.decodeIfPresent(Decimal.self, forKey: .bestAsk)
        change = try c.decodeIfPresent(Decimal.self, forKey: .change)
        changePercent = try c.decodeIfPresent(Decimal.self, forKey: .changePercent)
        open = try c.decodeIfPresent(Decimal.self, forKey: .open)
        high = try c.decodeIfPresent(Decimal.self, forKey: .high)
        low = try c.decodeIfPresent(Decimal.self, forKey: .low)
        volume = try c.decodeQuantityIfPresent(forKey: .volume)
        lastUpdated = try c.decodeIfPresent(String.self, forKey: .lastUpdated)
        timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
    }

    /// `timestamp` parsed with ``GatewayTimestamp/parse(_:)``; nil if absent or malformed.
    public var timestampDate: Date? { timestamp.flatMap(GatewayTimestamp.parse) }

    /// `lastUpdated` parsed with ``GatewayTimestamp/parse(_:)``; nil if absent or malformed.
    public var lastUpdatedDate: Date? { lastUpdated.flatMap(GatewayTimestamp.parse) }

    /// True when no field is set (for example a decoded `{}`).
    public var isEmpty: Bool { self == Quote() }

    /// Overwrites each field that `update` carries; a nil field in `update` keeps ours.
    ///
    /// A partial update cannot *clear* a field (JSON `null` and "absent" both decode to nil);
    /// that is the intended trade-off, since a quote field going away is not a documented event.
    public mutating func merge(_ update: Quote) {
        if let v = update.symbol { symbol = v }
        if let v = update.symbolName { symbolName = v }
        if let v = update.lastPrice { lastPrice = v }
        if let v = update.bestBid { bestBid = v }
        if let v = update.bestAsk { bestAsk = v }
        if let v = update.change { change = v }
        if let v = update.changePercent { changePercent = v }
        if let v = update.open { open = v }
        if let v = update.high { high = v }
        if let v = update.low { low = v }
        if let v = update.volume { volume = v }
        if let v = update.lastUpdated { lastUpdated = v }
        if let v = update.timestamp { timestamp = v }
    }

    /// A copy of `self` with `update` merged in (see ``merge(_:)``).
    public func merging(_ update: Quote) -> Quote {
        var merged = self
        merged.merge(update)
        return merged
    }
}
