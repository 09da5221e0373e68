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
            case "lastPrice": quote.lastPrice = try reader.optionalDouble()
            case "bestBid": quote.bestBid = try reader.optionalDouble()
            case "bestAsk": quote.bestAsk = try reader.optionalDouble()
            case "change": quote.change = try reader.optionalDouble()
            case "changePercent": quote.changePercent = try reader.optionalDouble()
            case "open": quote.open = try reader.optionalDouble()
            case "high": quote.high = try reader.optionalDouble()
            case "low": quote.low = try reader.optionalDouble()
            case "volume": quote.volume = try reader.optionalQuantity()
            case "lastUpdated": quote.lastUpdated = try reader.optionalString()
            case "timestamp": quote.timestamp = try reader.optionalString()
            default: try reader.skipValue()
            }
        }
        self = quote
    }
}
