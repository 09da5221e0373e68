import MarketData
import SignalRProtocol

extension DepthEntry: HubPayloadDecodable {
    /// Reads one `GatewayDepth` item: a missing or `null` `type` is `DomType.unknown`, the other
    /// members are optional, unknown members skipped.
    public init(reading reader: inout JSONReader) throws(HubProtocolError) {
        var entry = DepthEntry(type: .unknown)
        try reader.readObject { reader, key throws(HubProtocolError) in
            switch key {
            case "timestamp": entry.timestamp = try reader.optionalString()
            case "type": entry.type = try reader.optionalInteger().map(DomType.init(rawValue:)) ?? .unknown
            case "price": entry.price = try reader.optionalDecimal()
            case "volume": entry.volume = try reader.optionalQuantity()
            case "currentVolume": entry.currentVolume = try reader.optionalQuantity()
            default: try reader.skipValue()
            }
        }
        self = entry
    }
}
