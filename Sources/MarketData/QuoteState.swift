import Foundation

/// The latest full quote of one contract, merged from possibly partial `GatewayQuote` updates.
///
/// The reference neither documents nor rules out partial quotes (gateway-api.md §6.4, §10), so
/// each update is merged field by field: a field the update carries replaces ours, a nil field
/// keeps the previous value (see ``Quote/merge(_:)``). Keep one `QuoteState` per contract and
/// route by the event's contract id, not by ``Quote/symbol`` (which is the symbol id).
///
/// ``lastUpdate`` is the **gateway's** time of the newest data (the update's `timestamp`, else its
/// `lastUpdated`), never the local clock: detecting a silent feed is the watchdog's job, with its
/// injected clock. An update without a parseable time keeps the previous ``lastUpdate``, and an
/// update stamped earlier than ``lastUpdate`` still merges (quotes carry no sequence number, so
/// arrival order is the only order we have) but does not move ``lastUpdate`` backwards.
///
/// ```swift
/// var state = QuoteState()
/// let ask = Decimal(string: "5000.25")!
/// state.apply(Quote(symbol: "F.US.EP", lastPrice: ask, bestBid: 5000, bestAsk: ask))
/// state.apply(Quote(lastPrice: Decimal(string: "5000.5")))     // partial: bid/ask kept
/// print(state.quote.bestBid ?? .nan, state.quote.lastPrice ?? .nan)   // 5000 5000.5
/// ```
public struct QuoteState: Sendable, Hashable {
    /// The merged quote; empty until the first update.
    public private(set) var quote: Quote
    /// The newest gateway time seen in an update, or nil if none carried one.
    public private(set) var lastUpdate: Date?
    /// Updates applied since creation (empty ones included).
    public private(set) var updateCount = 0

    /// Starts from `initial`, for example a quote fetched over REST, or from nothing.
    public init(initial: Quote = Quote()) {
        quote = initial
        lastUpdate = initial.timestampDate ?? initial.lastUpdatedDate
    }

    /// True until some update has set at least one field.
    public var isEmpty: Bool { quote.isEmpty }

    /// Merges one update. A `null` quote payload decodes to no update at all; pass nothing.
    public mutating func apply(_ update: Quote) {
        updateCount &+= 1
        quote.merge(update)
        // Parse only what this update carried: the hot path pays nothing for absent times.
        let time = update.timestamp.flatMap(GatewayTimestamp.parse)
            ?? update.lastUpdated.flatMap(GatewayTimestamp.parse)
        if let time, lastUpdate.map({ time > $0 }) ?? true {
            lastUpdate = time
        }
    }

    /// Merges several updates in order (a decoded ``OneOrMany`` payload, for example).
    public mutating func apply(_ updates: some Sequence<Quote>) {
        for update in updates {
            apply(update)
        }
    }
}
