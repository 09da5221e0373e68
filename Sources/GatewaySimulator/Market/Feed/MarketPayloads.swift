/// `GatewayQuote` data, field for field as the gateway sends it. `symbol` is the symbol id
/// (`F.US.EP`), never the contract id. Prices are exact (``FixedDecimal``), and so is the change
/// in percent (to two places).
public struct QuotePayload: Encodable, Sendable, Equatable {
    public var symbol: String
    public var symbolName: String
    public var lastPrice: FixedDecimal
    public var bestBid: FixedDecimal
    public var bestAsk: FixedDecimal
    public var change: FixedDecimal
    public var changePercent: FixedDecimal
    public var open: FixedDecimal
    public var high: FixedDecimal
    public var low: FixedDecimal
    public var volume: Int
    public var lastUpdated: String
    public var timestamp: String
}

/// One element of `GatewayTrade` data (the event carries an array of these).
public struct TradePayload: Encodable, Sendable, Equatable {
    public var symbolId: String
    public var price: FixedDecimal
    public var timestamp: String
    /// SimTradeLogType: 0 Buy, 1 Sell (the aggressor side).
    public var type: Int
    public var volume: Int
}

/// One element of `GatewayDepth` data (the event carries an array of these).
///
/// Simulator semantics (the reference leaves them open): for level entries (Ask, Bid, BestAsk,
/// BestBid, NewBestAsk, NewBestBid) `volume` and `currentVolume` are both the resting size now at
/// that price, and 0 removes the level. For Trade entries both are the traded size. For High and
/// Low they are 0. A Reset entry (price 0, volumes 0) clears the whole book and is always
/// followed by the full ladder.
public struct DepthPayload: Encodable, Sendable, Equatable {
    public var timestamp: String
    /// SimDomType as an integer.
    public var type: Int
    public var price: FixedDecimal
    public var volume: Int
    public var currentVolume: Int

    init(timestamp: String, type: SimDomType, price: FixedDecimal, volume: Int) {
        self.timestamp = timestamp
        self.type = type.rawValue
        self.price = price
        self.volume = volume
        self.currentVolume = volume
    }

    /// The SimDomType, if the integer is a known one.
    public var domType: SimDomType? { SimDomType(rawValue: type) }
}
