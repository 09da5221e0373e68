import MarketData
import SignalRProtocol

extension MarketTrade: HubPayloadDecodable {
    /// Reads one `GatewayTrade` item: every member optional (a missing `type` stays nil rather
    /// than reading as a buy), unknown members skipped.
    public init(reading reader: inout JSONReader) throws(HubProtocolError) {
        var trade = MarketTrade()
        try reader.readObject { reader, key throws(HubProtocolError) in
            switch key {
            case "symbolId": trade.symbolId = try reader.optionalString()
            case "price": trade.price = try reader.optionalDecimal()
            case "timestamp": trade.timestamp = try reader.optionalString()
            case "type": trade.type = try reader.optionalInteger().map(TradeSide.init(rawValue:))
            case "volume": trade.volume = try reader.optionalQuantity()
            default: try reader.skipValue()
            }
        }
        self = trade
    }
}
