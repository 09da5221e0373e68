/// The kind of a market-depth (`GatewayDepth`) entry, an integer on the wire (gateway-api.md §7).
///
/// Values the reference does not list decode to ``unrecognized(_:)`` and keep their raw
/// integer, instead of failing the whole depth message: one new enum value from the gateway
/// must not cost us a book snapshot. Encoding writes the raw integer back, so a round trip
/// is lossless. ``OrderBook`` ignores unrecognized entries (it cannot know their meaning).
///
/// ```swift
/// let type = DomType(rawValue: 9)   // .newBestBid
/// let odd = DomType(rawValue: 42)   // .unrecognized(42)
/// ```
public enum DomType: Sendable, Hashable {
    /// 0: the gateway's own "Unknown".
    case unknown
    /// 1: an ask (offer) level update.
    case ask
    /// 2: a bid level update.
    case bid
    /// 3: the best ask level.
    case bestAsk
    /// 4: the best bid level.
    case bestBid
    /// 5: a trade print.
    case trade
    /// 6: the book is cleared; a snapshot follows.
    case reset
    /// 7: the session low.
    case low
    /// 8: the session high.
    case high
    /// 9: a new best bid level.
    case newBestBid
    /// 10: a new best ask level.
    case newBestAsk
    /// 11: a fill.
    case fill
    /// An integer the reference does not define, kept verbatim.
    case unrecognized(Int)

    /// All values the reference defines, in wire order (0...11).
    public static let knownCases: [DomType] = [
        .unknown, .ask, .bid, .bestAsk, .bestBid, .trade, .reset, .low, .high, .newBestBid, .newBestAsk, .fill,
    ]
}

extension DomType: RawRepresentable {
    /// Never fails: integers outside 0...11 become ``unrecognized(_:)``.
    public init(rawValue: Int) {
        switch rawValue {
        case 0: self = .unknown
        case 1: self = .ask
        case 2: self = .bid
        case 3: self = .bestAsk
        case 4: self = .bestBid
        case 5: self = .trade
        case 6: self = .reset
        case 7: self = .low
        case 8: self = .high
        case 9: self = .newBestBid
        case 10: self = .newBestAsk
        case 11: self = .fill
        default: self = .unrecognized(rawValue)
        }
    }

    /// The integer sent on the wire.
    public var rawValue: Int {
        switch self {
        case .unknown: 0
        case .ask: 1
        case .bid: 2
        case .bestAsk: 3
        case .bestBid: 4
        case .trade: 5
        case .reset: 6
        case .low: 7
        case .high: 8
        case .newBestBid: 9
        case .newBestAsk: 10
        case .fill: 11
        case .unrecognized(let value): value
        }
    }
}

extension DomType: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
