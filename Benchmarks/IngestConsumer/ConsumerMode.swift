import ArgumentParser

/// How the consumer decodes each `GatewayQuote`, from what a user writes first to no decoding at all.
enum ConsumerMode: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// `connection.on("GatewayQuote") { (contractId: String, quote: FeedQuote) in ... }`: the public
    /// typed API, arguments decoded by `JSONDecoder` into a `Decodable` struct.
    case typed
    /// A raw handler that decodes the quote the way `MarketHub` does: `String(hubPayload:)` for the
    /// contract id and `Quote(hubPayload:)` (``HubPayloadDecodable``) straight from the frame's bytes.
    case payload
    /// A raw handler that only counts: the cost of framing, parsing and dispatch alone.
    case raw
}
