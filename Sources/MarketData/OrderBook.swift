import Foundation

/// A level-2 order book for one contract, built from `GatewayDepth` entries.
///
/// The reference does not document the book-building algorithm (gateway-api.md §6.4, §10), so
/// this type picks the safe reading of each ``DomType`` and states it here:
///
/// | type | effect |
/// |---|---|
/// | `reset` (6) | Clears both sides and makes the book **valid**: a snapshot follows. |
/// | `ask` (1) / `bid` (2) | Sets the level at `price` to the entry's ``DepthEntry/size``; size 0 removes it. |
/// | `bestAsk` (3) / `newBestAsk` (10) | As `ask`, then removes asks better (lower) than `price`, and bids at or above `price`. |
/// | `bestBid` (4) / `newBestBid` (9) | As `bid`, then removes bids better (higher) than `price`, and asks at or below `price`. |
/// | `trade` (5) / `fill` (11) | Records ``lastTradePrice`` / ``lastTradeSize``; levels unchanged. |
/// | `low` (7) / `high` (8) | Records ``sessionLow`` / ``sessionHigh``; levels unchanged. |
/// | `unknown` (0), unrecognized | Ignored. |
///
/// Why the "best" trims: a best-price event says nothing better exists on that side, so better
/// levels still held are stale (their removal was missed or reordered), and a resting order on
/// the other side at or through that price would have traded, so it is stale too. Trimming keeps
/// the book uncrossed. A best event with size 0 removes its level and the better ones but does
/// not touch the other side (the price is vacated, so it proves nothing about the other side).
/// Plain `ask`/`bid` events never trim: inside one batch a level may briefly cross the other
/// side until the matching removal arrives; ``isCrossed`` tells whether the book is crossed now.
///
/// Level size is `volume`, falling back to `currentVolume` (see ``DepthEntry/size``). A level
/// event without a price or without any size, or with a negative size, changes nothing and is
/// counted in ``malformedCount``. Prices are exact decimals, so `5000.25` and `5000.250000000`
/// are one level without any snapping; the ``TickSize``, when given, expresses the spread in
/// ticks (``spreadTicks``).
///
/// **Validity.** A new book is invalid ("awaiting snapshot") until its first `reset`.
/// ``invalidate(reason:)`` marks it invalid, for example on disconnect, because depth events are
/// not replayed after a reconnect; it stays invalid, saying why in ``invalidReason``, until the
/// next `reset` starts a fresh snapshot. While invalid, levels are kept and updates still apply
/// (a display can show the last book greyed out), but a strategy must not trade on them.
///
/// Bids are kept descending and asks ascending in flat arrays with binary search; reading the
/// top of book allocates nothing.
///
/// ```swift
/// var book = OrderBook(tickSize: TickSize(contract.tickSize))
/// book.apply(try JSONDecoder().decode(OneOrMany<DepthEntry>.self, from: payload))
/// if book.isValid, let bid = book.bestBid, let ask = book.bestAsk {
///     print("\(bid.size) @ \(bid.price) / \(ask.size) @ \(ask.price)")
/// }
/// book.invalidate(reason: "disconnected")   // on connection loss; the next reset revalidates
/// ```
public struct OrderBook: Sendable {
    /// The ``invalidReason`` of a book that has not yet seen a `reset`.
    public static let awaitingSnapshotReason = "awaiting snapshot"

    /// The contract's price grid, for ``spreadTicks``; prices are kept as sent.
    public let tickSize: TickSize?
    private var bidSide = BookSide(isBid: true)
    private var askSide = BookSide(isBid: false)

    /// Why the book cannot be trusted right now, or nil when it is valid.
    public private(set) var invalidReason: String? = OrderBook.awaitingSnapshotReason
    /// Depth entries applied since creation, of any type (ignored and malformed ones included).
    public private(set) var updateCount = 0
    /// Level entries skipped because they had no price (or NaN), no size, or a negative size.
    public private(set) var malformedCount = 0
    /// Price of the last `trade` or `fill` entry.
    public private(set) var lastTradePrice: Decimal?
    /// Size of the last `trade` or `fill` entry, if it carried one.
    public private(set) var lastTradeSize: Int?
    /// Price of the last `high` entry.
    public private(set) var sessionHigh: Decimal?
    /// Price of the last `low` entry.
    public private(set) var sessionLow: Decimal?
    /// The wire `timestamp` of the last entry that carried one.
    public private(set) var lastTimestamp: String?

    /// Creates an empty book that is invalid until its first `reset`.
    public init(tickSize: TickSize? = nil) {
        self.tickSize = tickSize
    }

    // MARK: - Reading

    /// True when the book reflects a complete snapshot plus every update since.
    public var isValid: Bool { invalidReason == nil }

    /// The highest bid, or nil when there are no bids.
    public var bestBid: BookLevel? { bidSide.levels.first }

    /// The lowest ask, or nil when there are no asks.
    public var bestAsk: BookLevel? { askSide.levels.first }

    /// Best ask minus best bid, exactly, or nil when a side is empty. Negative or zero when the
    /// book is crossed.
    public var spread: Decimal? {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return nil }
        return ask - bid
    }

    /// The ``spread`` in whole ticks of ``tickSize`` (nearest), or nil without a tick size or
    /// without both sides.
    public var spreadTicks: Int? {
        guard let spread, let tickSize else { return nil }
        return tickSize.ticks(in: spread)
    }

    /// The midpoint of the best bid and best ask, exactly (it may be half a tick), or nil when a
    /// side is empty.
    public var mid: Decimal? {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return nil }
        // Times one half rather than divided by two: the same exact result, without a long division.
        return (bid + ask) * Decimal(sign: .plus, exponent: -1, significand: 5)
    }

    /// True when the best bid is at or above the best ask (see the type's discussion).
    public var isCrossed: Bool {
        guard let bid = bestBid?.price, let ask = bestAsk?.price else { return false }
        return bid >= ask
    }

    /// The number of bid levels held.
    public var bidLevelCount: Int { bidSide.levels.count }

    /// The number of ask levels held.
    public var askLevelCount: Int { askSide.levels.count }

    /// Up to `limit` bid levels, best (highest) first.
    public func bids(limit: Int = .max) -> [BookLevel] { bidSide.prefix(limit) }

    /// Up to `limit` ask levels, best (lowest) first.
    public func asks(limit: Int = .max) -> [BookLevel] { askSide.prefix(limit) }

    // MARK: - Updating

    /// Marks the book invalid, for example with `"disconnected"`, until the next `reset`.
    ///
    /// Levels are kept for display. A later `invalidate` replaces the reason.
    public mutating func invalidate(reason: String) {
        invalidReason = reason
    }

    /// Applies depth entries in order (one `GatewayDepth` payload, for example).
    public mutating func apply(_ entries: some Sequence<DepthEntry>) {
        for entry in entries {
            apply(entry)
        }
    }

    /// Applies one depth entry; see the type's discussion for each ``DomType``.
    public mutating func apply(_ entry: DepthEntry) {
        updateCount &+= 1
        if let timestamp = entry.timestamp { lastTimestamp = timestamp }
        switch entry.type {
        case .reset:
            bidSide.removeAll()
            askSide.removeAll()
            invalidReason = nil
        case .ask:
            setLevel(entry, isBid: false, isBest: false)
        case .bid:
            setLevel(entry, isBid: true, isBest: false)
        case .bestAsk, .newBestAsk:
            setLevel(entry, isBid: false, isBest: true)
        case .bestBid, .newBestBid:
            setLevel(entry, isBid: true, isBest: true)
        case .trade, .fill:
            if let price = normalizedPrice(entry.price) {
                lastTradePrice = price
                lastTradeSize = entry.size
            }
        case .low:
            if let price = normalizedPrice(entry.price) { sessionLow = price }
        case .high:
            if let price = normalizedPrice(entry.price) { sessionHigh = price }
        case .unknown, .unrecognized:
            break
        }
    }

    private mutating func setLevel(_ entry: DepthEntry, isBid: Bool, isBest: Bool) {
        guard let price = normalizedPrice(entry.price), let size = entry.size, size >= 0 else {
            malformedCount &+= 1
            return
        }
        let probe = BookSide.Probe(price)
        if isBid {
            bidSide.set(probe, size: size)
            guard isBest else { return }
            bidSide.removeLevels(betterThan: probe)
            if size > 0 { askSide.removeLevels(atOrBetterThan: probe) }
        } else {
            askSide.set(probe, size: size)
            guard isBest else { return }
            askSide.removeLevels(betterThan: probe)
            if size > 0 { bidSide.removeLevels(atOrBetterThan: probe) }
        }
    }

    /// The entry's price, unless it is missing or NaN.
    private func normalizedPrice(_ price: Decimal?) -> Decimal? {
        guard let price, !price.isNaN else { return nil }
        return price
    }
}
