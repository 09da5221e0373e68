import Foundation

/// One item of a `GatewayDepth` event payload (gateway-api.md §6.4), decoded verbatim.
///
/// The gateway sends depth as an **array** of these (sometimes a single object); decode the
/// payload as ``OneOrMany``<`DepthEntry`> and feed it to ``OrderBook/apply(_:)-(Sequence<DepthEntry>)``.
///
/// Lenient reading:
/// - a missing `type` decodes as ``DomType/unknown`` (the gateway's own 0), which the book
///   ignores; an unlisted integer decodes as ``DomType/unrecognized(_:)``;
/// - `price`, `volume`, `currentVolume` and `timestamp` are optional so that one odd entry
///   costs that entry, not the whole array (a `Reset` needs no price at all).
///
/// The reference does not say how `volume` ("total volume at this price level") differs from
/// `currentVolume` ("current volume at this price level"). Like project-x-py, the book uses
/// `volume` as the level size and falls back to `currentVolume`; see ``size``.
///
/// ```swift
/// let entries = try JSONDecoder().decode(OneOrMany<DepthEntry>.self, from: payload)
/// book.apply(entries)
/// ```
public struct DepthEntry: Sendable, Hashable, Codable {
    /// ISO-8601 wire string; see ``timestampDate``.
    public var timestamp: String?
    /// What the entry means for the book; ``DomType/unknown`` when the field is missing.
    public var type: DomType
    /// The level's (or trade's) price; a `reset` may carry none.
    public var price: Decimal?
    /// "Total volume at this price level", in contracts.
    public var volume: Int?
    /// "Current volume at this price level", in contracts.
    public var currentVolume: Int?

    /// Creates an entry (the order of arguments puts the meaningful fields first).
    public init(
        type: DomType, price: Decimal? = nil, volume: Int? = nil, currentVolume: Int? = nil,
        timestamp: String? = nil
    ) {
        self.timestamp = timestamp
        self.type = type
        self.price = price
        self.volume = volume
        self.currentVolume = currentVolume
    }

    enum CodingKeys: String, CodingKey {
        case timestamp, type, price, volume, currentVolume
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        timestamp = try c.decodeIfPresent(String.self, forKey: .timestamp)
        type = try c.decodeIfPresent(DomType.self, forKey: .type) ?? .unknown
        price = try c.decodeIfPresent(Decimal.self, forKey: .price)
        volume = try c.decodeQuantityIfPresent(forKey: .volume)
        currentVolume = try c.decodeQuantityIfPresent(forKey: .currentVolume)
    }

    /// The level size the book uses: `volume`, else `currentVolume`, else nil.
    public var size: Int? { volume ?? currentVolume }

    /// `timestamp` parsed with ``GatewayTimestamp/parse(_:)``; nil if absent or malformed.
    public var timestampDate: Date? { timestamp.flatMap(GatewayTimestamp.parse) }
}
