/// A market-hub event: the hub sends it as `<hubMethod>(contractId, data)`.
public enum SimMarketEvent: Sendable, Equatable {
    /// `GatewayQuote`: one object.
    case quote(contractId: String, QuotePayload)
    /// `GatewayTrade`: an array.
    case trades(contractId: String, [TradePayload])
    /// `GatewayDepth`: an array. A snapshot starts with a Reset (6) entry.
    case depth(contractId: String, [DepthPayload])

    /// The full contract id (the first hub argument).
    public var contractId: String {
        switch self {
        case .quote(let id, _), .trades(let id, _), .depth(let id, _): id
        }
    }

    /// The kind of event, for filtering.
    public var kind: MarketEventKinds {
        switch self {
        case .quote: .quotes
        case .trades: .trades
        case .depth: .depth
        }
    }

    /// The hub client method name: `GatewayQuote`, `GatewayTrade` or `GatewayDepth`.
    public var hubMethod: String {
        switch self {
        case .quote: "GatewayQuote"
        case .trades: "GatewayTrade"
        case .depth: "GatewayDepth"
        }
    }

    /// True for a depth event that starts with a Reset entry (a full-book snapshot).
    public var isDepthSnapshot: Bool {
        if case .depth(_, let entries) = self, entries.first?.type == SimDomType.reset.rawValue { return true }
        return false
    }
}

/// A set of market event kinds.
public struct MarketEventKinds: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let quotes = MarketEventKinds(rawValue: 1)
    public static let trades = MarketEventKinds(rawValue: 2)
    public static let depth = MarketEventKinds(rawValue: 4)
    public static let all: MarketEventKinds = [.quotes, .trades, .depth]
}
