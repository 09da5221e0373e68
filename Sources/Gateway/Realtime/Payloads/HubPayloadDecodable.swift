import SignalRProtocol

/// A market-data value that decodes straight from the bytes of a hub argument.
///
/// `MarketHub` decodes every `GatewayQuote`, `GatewayTrade` and `GatewayDepth` payload this way
/// rather than with `JSONDecoder`: a generic decoding pass and a `Data` copy per event were the
/// largest cost of ingesting a fast feed. The results are the same as the types' `Decodable`
/// conformances give (the same leniency: unknown members ignored, `null` as absent, quantities
/// written as `5.0` accepted, one bad item of an array skipped and counted), which the tests
/// check against `JSONDecoder` over generated payloads. One difference: of duplicate members
/// the last wins here (as in JavaScript and Python), the first with `JSONDecoder`.
///
/// ```swift
/// let depth = try OneOrMany<DepthEntry>(hubPayload: arguments[1])
/// book.apply(depth)
/// ```
public protocol HubPayloadDecodable {
    /// Reads one value at the reader's position, consuming exactly that value.
    init(reading reader: inout JSONReader) throws(HubProtocolError)
}

extension HubPayloadDecodable {
    /// Decodes `payload`, which must be exactly one value of this type.
    public init(hubPayload payload: RawJSON) throws(HubProtocolError) {
        var reader = JSONReader(payload)
        try self.init(reading: &reader)
        try reader.expectEnd()
    }
}
