/// The aggressor side of a market trade (`GatewayTrade.type`, TradeLogType in gateway-api.md §7).
///
/// Integers other than 0 and 1 decode to ``unrecognized(_:)`` and keep their raw value, so an
/// unexpected value never fails a whole trade batch; encoding writes the raw integer back.
///
/// A *missing* `type` is not a Buy: ``MarketTrade/type`` is optional for exactly that reason
/// (0 is a real Buy, the same trap as OrderSide in §7).
///
/// ```swift
/// let side = TradeSide(rawValue: 1)   // .sell
/// ```
public enum TradeSide: Sendable, Hashable {
    /// 0: the buyer was the aggressor (lifted the offer).
    case buy
    /// 1: the seller was the aggressor (hit the bid).
    case sell
    /// An integer the reference does not define, kept verbatim.
    case unrecognized(Int)
}

extension TradeSide: RawRepresentable {
    /// Never fails: integers other than 0 and 1 become ``unrecognized(_:)``.
    public init(rawValue: Int) {
        switch rawValue {
        case 0: self = .buy
        case 1: self = .sell
        default: self = .unrecognized(rawValue)
        }
    }

    /// The integer sent on the wire.
    public var rawValue: Int {
        switch self {
        case .buy: 0
        case .sell: 1
        case .unrecognized(let value): value
        }
    }
}

extension TradeSide: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
