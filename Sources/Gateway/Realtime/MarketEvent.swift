import MarketData

/// What the market hub delivers, in arrival order.
public enum MarketEvent: Sendable {
    /// A quote (possibly partial: merge it with `MarketData`'s `QuoteState`) for a contract id.
    case quote(contractId: String, Quote)
    /// Trades printed on a contract.
    case trades(contractId: String, [MarketTrade])
    /// Depth-of-market changes; the first batch after a (re)subscription starts with a Reset.
    case depth(contractId: String, [DepthEntry])
    /// Data for these contracts may have been missed (the connection dropped or the feed went
    /// silent). Order books must be treated as invalid until their next snapshot, and anything
    /// derived from trades may have a hole. Nothing is replayed by the gateway.
    case gap(contractIds: [String], reason: String)
    /// Every wanted subscription was (re-)applied on a new connection, or a refused one was
    /// accepted on retry: data flows again. The hub's status says whether one is still refused.
    case live(connectionId: String?)

    /// The contract the event is about, for data events.
    public var contractId: String? {
        switch self {
        case .quote(let id, _), .trades(let id, _), .depth(let id, _): id
        case .gap, .live: nil
        }
    }
}
