import SignalRProtocol
import SignalRServer

/// Encodes market events as the hub sends them: `GatewayQuote(contractId, {quote})`,
/// `GatewayTrade(contractId, [trades])`, `GatewayDepth(contractId, [entries])`, written field by
/// field (the market hub's hot path; see ``HubJSONWriter``).
///
/// ```swift
/// let message = MarketEventEncoder.message(for: event)          // one frame, send to many
/// let padded = MarketEventEncoder.message(for: snapshot, paddingDepthTo: 1 << 20, contract: es)
/// ```
enum MarketEventEncoder {
    /// The whole hub message of `event`. A depth snapshot is padded to at least
    /// `paddingDepthTo` bytes when given (the oversized-frame fault; see ``DepthPadding``).
    static func message(for event: SimMarketEvent, paddingDepthTo target: Int? = nil, contract: SimContract? = nil) -> EncodedHubMessage {
        let data: RawJSON
        switch event {
        case .quote(_, let quote):
            data = payload(quote)
        case .trades(_, let trades):
            data = payload(trades)
        case .depth(_, let entries):
            if let target, let contract, event.isDepthSnapshot {
                data = DepthPadding.payload(entries, paddedTo: target, contract: contract)
            } else {
                data = payload(entries)
            }
        }
        return EncodedHubMessage.invocation(event.hubMethod, [HubJSONWriter.stringValue(event.contractId), data])
    }

    /// A `GatewayQuote` data object.
    static func payload(_ quote: QuotePayload) -> RawJSON {
        var writer = HubJSONWriter(capacity: 320)
        writer.raw("{\"symbol\":")
        writer.string(quote.symbol)
        writer.raw(",\"symbolName\":")
        writer.string(quote.symbolName)
        writer.raw(",\"lastPrice\":")
        writer.number(quote.lastPrice)
        writer.raw(",\"bestBid\":")
        writer.number(quote.bestBid)
        writer.raw(",\"bestAsk\":")
        writer.number(quote.bestAsk)
        writer.raw(",\"change\":")
        writer.number(quote.change)
        writer.raw(",\"changePercent\":")
        writer.number(quote.changePercent)
        writer.raw(",\"open\":")
        writer.number(quote.open)
        writer.raw(",\"high\":")
        writer.number(quote.high)
        writer.raw(",\"low\":")
        writer.number(quote.low)
        writer.raw(",\"volume\":")
        writer.integer(quote.volume)
        writer.raw(",\"lastUpdated\":")
        writer.string(quote.lastUpdated)
        writer.raw(",\"timestamp\":")
        writer.string(quote.timestamp)
        writer.byte(UInt8(ascii: "}"))
        return writer.rawJSON
    }

    /// A `GatewayTrade` data array.
    static func payload(_ trades: [TradePayload]) -> RawJSON {
        var writer = HubJSONWriter(capacity: 24 + trades.count * 120)
        writer.byte(UInt8(ascii: "["))
        for (position, trade) in trades.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.raw("{\"symbolId\":")
            writer.string(trade.symbolId)
            writer.raw(",\"price\":")
            writer.number(trade.price)
            writer.raw(",\"timestamp\":")
            writer.string(trade.timestamp)
            writer.raw(",\"type\":")
            writer.integer(trade.type)
            writer.raw(",\"volume\":")
            writer.integer(trade.volume)
            writer.byte(UInt8(ascii: "}"))
        }
        writer.byte(UInt8(ascii: "]"))
        return writer.rawJSON
    }

    /// A `GatewayDepth` data array.
    static func payload(_ entries: [DepthPayload]) -> RawJSON {
        var writer = HubJSONWriter(capacity: 24 + entries.count * 110)
        writer.byte(UInt8(ascii: "["))
        for (position, entry) in entries.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            write(entry, to: &writer)
        }
        writer.byte(UInt8(ascii: "]"))
        return writer.rawJSON
    }

    /// One depth entry object.
    static func write(_ entry: DepthPayload, to writer: inout HubJSONWriter) {
        writer.raw("{\"timestamp\":")
        writer.string(entry.timestamp)
        writer.raw(",\"type\":")
        writer.integer(entry.type)
        writer.raw(",\"price\":")
        writer.number(entry.price)
        writer.raw(",\"volume\":")
        writer.integer(entry.volume)
        writer.raw(",\"currentVolume\":")
        writer.integer(entry.currentVolume)
        writer.byte(UInt8(ascii: "}"))
    }
}
