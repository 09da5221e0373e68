import SignalRProtocol

extension String: HubPayloadDecodable {
    /// Reads a JSON string (escapes decoded), such as the contract id of a market event.
    public init(reading reader: inout JSONReader) throws(HubProtocolError) {
        self = try reader.readString()
    }
}
