/// The subscriptions a hub wants, kept as state so that every new connection gets all of them.
///
/// A reconnect is a new server connection that starts with no subscriptions; the hub re-applies
/// ``wanted`` in insertion order before it reports itself live. A pure value: the hub decides when
/// to send what it returns.
struct SubscriptionSet<Subscription: Hashable & Sendable>: Sendable {
    private(set) var wanted: [Subscription] = []
    private var members: Set<Subscription> = []

    var isEmpty: Bool { wanted.isEmpty }
    var count: Int { wanted.count }

    func contains(_ subscription: Subscription) -> Bool { members.contains(subscription) }

    /// Adds a subscription; returns false when it was already wanted (nothing to send).
    @discardableResult
    mutating func insert(_ subscription: Subscription) -> Bool {
        guard members.insert(subscription).inserted else { return false }
        wanted.append(subscription)
        return true
    }

    /// Removes a subscription; returns false when it was not wanted.
    @discardableResult
    mutating func remove(_ subscription: Subscription) -> Bool {
        guard members.remove(subscription) != nil else { return false }
        wanted.removeAll { $0 == subscription }
        return true
    }
}
