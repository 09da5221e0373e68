import SignalRServer
import NIOConcurrencyHelpers
import Synchronization

/// Encodes each market event once when several market-hub connections receive it.
///
/// Every connection has its own feed subscription, so the feed hands each of them its own copy of
/// an event. The copies share storage (arrays, strings), so a lookup is cheap: the key hashes a
/// few fields and compares the whole event, whose arrays compare by identity first. A hit returns
/// the `EncodedHubMessage` the first connection built, and its frame bytes are shared.
///
/// With one subscribed connection the cache is bypassed (nothing to share).
///
/// ```swift
/// let message = cache.message(for: event) { MarketEventEncoder.message(for: event) }
/// ```
final class MarketEncodingCache: Sendable {
    private struct Key: Hashable {
        let event: SimMarketEvent

        func hash(into hasher: inout Hasher) {
            switch event {
            case .quote(let contractId, let quote):
                hasher.combine(0)
                hasher.combine(contractId)
                hasher.combine(quote.volume)
                hasher.combine(quote.lastPrice)
                hasher.combine(quote.timestamp)
            case .trades(let contractId, let trades):
                hasher.combine(1)
                hasher.combine(contractId)
                hasher.combine(trades.count)
                hasher.combine(trades.first?.timestamp)
                hasher.combine(trades.first?.price)
                hasher.combine(trades.last?.volume)
            case .depth(let contractId, let entries):
                hasher.combine(2)
                hasher.combine(contractId)
                hasher.combine(entries.count)
                hasher.combine(entries.first?.timestamp)
                hasher.combine(entries.first?.price)
                hasher.combine(entries.last?.price)
                hasher.combine(entries.last?.volume)
            }
        }

        static func == (lhs: Key, rhs: Key) -> Bool { lhs.event == rhs.event }
    }

    private let entries = NIOLockedValueBox<[Key: EncodedHubMessage]>([:])
    private let capacity: Int
    private let sharers = Atomic<Int>(0)

    /// - Parameter capacity: entries kept before the cache starts over (a connection further behind
    ///   than that encodes for itself).
    init(capacity: Int = 8192) {
        self.capacity = max(16, capacity)
    }

    /// A connection started (`true`) or stopped (`false`) receiving market events.
    func sharerChanged(joined: Bool) {
        let left = sharers.add(joined ? 1 : -1, ordering: .relaxed).newValue
        if left < 2 { entries.withLockedValue { $0.removeAll() } }
    }

    /// The encoded message of `event`, built by `encode` unless another connection built it.
    func message(for event: SimMarketEvent, encode: () -> EncodedHubMessage) -> EncodedHubMessage {
        guard sharers.load(ordering: .relaxed) >= 2 else { return encode() }
        let key = Key(event: event)
        if let cached = entries.withLockedValue({ $0[key] }) { return cached }
        let message = encode()
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = message
        }
        return message
    }

    /// Number of cached messages (for tests).
    var count: Int { entries.withLockedValue { $0.count } }
}
