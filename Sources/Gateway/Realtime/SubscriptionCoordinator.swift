import SignalR

/// Applies the wanted subscriptions to whatever connection is current, exactly once each.
///
/// An actor so that a `subscribe` racing a reconnect neither sends twice nor gets lost: while a
/// new connection is being restored, new subscriptions only join the wanted set, and the restore
/// loop picks them up before it declares the hub live.
actor SubscriptionCoordinator<Subscription: Hashable & Sendable & CustomStringConvertible> {
    /// What a restore achieved.
    struct RestoreResult: Sendable {
        var applied: Int
        var failures: [(Subscription, SignalRError)]
        /// The connection went away during the restore; the next connection restores again.
        var interrupted: Bool
    }

    private var wanted = SubscriptionSet<Subscription>()
    private var applied: Set<Subscription> = []
    private var connected = false
    private var restoring = false
    private let apply: @Sendable (Subscription) async throws -> Void
    private let remove: @Sendable (Subscription) async throws -> Void

    init(
        apply: @escaping @Sendable (Subscription) async throws -> Void,
        remove: @escaping @Sendable (Subscription) async throws -> Void
    ) {
        self.apply = apply
        self.remove = remove
    }

    var wantedSubscriptions: [Subscription] { wanted.wanted }

    /// Adds a wanted subscription and applies it now when connected. A subscription the server
    /// refuses is removed from the wanted set and the error thrown.
    func subscribe(_ subscription: Subscription) async throws {
        guard wanted.insert(subscription) else { return }
        guard connected, !restoring else { return }
        do {
            try await apply(subscription)
            applied.insert(subscription)
        } catch let error as SignalRError {
            if case .invocationFailed = error {
                wanted.remove(subscription)
                throw error
            }
            // Not connected any more: the next connection applies it.
        }
    }

    /// Removes a wanted subscription and tells the server when it was applied.
    func unsubscribe(_ subscription: Subscription) async throws {
        guard wanted.remove(subscription) else { return }
        guard applied.remove(subscription) != nil, connected else { return }
        try await remove(subscription)
    }

    /// A new server connection exists: it has no subscriptions; apply every wanted one.
    func restore() async -> RestoreResult {
        connected = true
        applied = []
        restoring = true
        defer { restoring = false }
        var result = RestoreResult(applied: 0, failures: [], interrupted: false)
        var refused: Set<Subscription> = []
        while connected {
            let pending = wanted.wanted.filter { !applied.contains($0) && !refused.contains($0) }
            if pending.isEmpty { break }
            for subscription in pending {
                guard connected else { break }
                do {
                    try await apply(subscription)
                    applied.insert(subscription)
                    result.applied += 1
                } catch let error as SignalRError {
                    if case .invocationFailed = error {
                        // The server refuses it (an unknown contract, a foreign account): asking
                        // again on every connection would fail forever. Report and forget it.
                        refused.insert(subscription)
                        wanted.remove(subscription)
                        result.failures.append((subscription, error))
                    } else {
                        result.interrupted = true
                        return result
                    }
                } catch {
                    refused.insert(subscription)
                    wanted.remove(subscription)
                    result.failures.append((subscription, .encodingFailed("\(error)")))
                }
            }
        }
        result.interrupted = !connected
        return result
    }

    /// The connection is gone: nothing is applied any more.
    func disconnected() {
        connected = false
        applied = []
    }
}
