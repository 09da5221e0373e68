import MarketData
import SignalRProtocol

extension Quote: HubPayloadDecodable {
    /// Reads a `GatewayQuote` object: every member optional, `null` as absent, unknown members
    /// skipped.
    public init(reading reader: inout JSONReader) throws(HubProtocolError) {
        var quote = Quote()
        try reader.readObject { reader, key throws(HubProtocolError) in
            switch key {
            case "symbol": quote.symbol = try reader.optionalString()
            case "symbolName": quote.symbolName = try reader.optionalString()
            case "lastPrice": quote.lastPrice = try reader.optionalDecimal()
            case "bestBid": quote.bestBid = try reader.optionalDecimal()
            case "bestAsk": quote.bestAsk = try reader.optionalDecimal()
            case "change": quote.change = try reader.optionalDecimal()
            case "changePercent": quote.changePercent = try reader.optionalDecimal()
            case "open": quote.open = try reader.optionalDecimal()
            case "high": quote.high = try reader.optionalDecimal()
            case "low": quote.low = try reader.optionalDecimal()
            case "volume": quote.volume = try reader.optionalQuantity()
            case "lastUpdated": quote.lastUpdated = try reader.optionalString()
            case "timestamp": quote.timestamp = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self = quote
    }
}
