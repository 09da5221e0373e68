import SignalR

/// Applies the wanted subscriptions to whatever connection is current, exactly once each.
///
/// An actor so that a `subscribe` racing a reconnect neither sends twice nor gets lost: while a
/// new connection is being restored, new subscriptions only join the wanted set, and the restore
/// loop picks them up before it declares the hub live.
///
/// A subscription the server refuses stays wanted: it is listed in ``refusedSubscriptions``,
/// tried again on every new connection and by ``retryRefused()`` (the session calls it on a
/// timer with backoff), until the server accepts it or the caller unsubscribes. Forgetting it
/// would leave a consumer without its data and nothing to say so.
actor SubscriptionCoordinator<Subscription: Hashable & Sendable & CustomStringConvertible> {
    /// What a restore achieved.
    struct RestoreResult: Sendable {
        var applied: Int
        var failures: [(Subscription, SignalRError)]
        /// The connection went away during the restore; the next connection restores again.
        var interrupted: Bool
    }

    /// What a retry of the refused subscriptions achieved.
    struct RetryResult: Sendable {
        /// Accepted this time.
        var applied: [Subscription]
        /// Not connected (or restoring): the next connection tries them all again.
        var interrupted: Bool
    }

    private var wanted = SubscriptionSet<Subscription>()
    private var applied: Set<Subscription> = []
    /// Wanted subscriptions the server refused, with its message.
    private var refused: [Subscription: String] = [:]
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

    /// Wanted subscriptions the server refused, with its message; each is retried.
    var refusedSubscriptions: [Subscription: String] { refused }

    /// Adds a wanted subscription and applies it now when connected. A subscription the server
    /// refuses stays wanted (and is retried); the error is thrown so the caller knows at once.
    func subscribe(_ subscription: Subscription) async throws {
        guard wanted.insert(subscription) else { return }
        guard connected, !restoring else { return }
        do {
            try await apply(subscription)
            applied.insert(subscription)
        } catch let error as SignalRError {
            if case .invocationFailed(_, let message) = error {
                // Still wanted unless it was unsubscribed meanwhile.
                if wanted.contains(subscription) { refused[subscription] = message }
                throw error
            }
            // Not connected any more: the next connection applies it.
        }
    }

    /// Removes a wanted subscription (refused or not) and tells the server when it was applied.
    func unsubscribe(_ subscription: Subscription) async throws {
        guard wanted.remove(subscription) else { return }
        refused.removeValue(forKey: subscription)
        guard applied.remove(subscription) != nil, connected else { return }
        try await remove(subscription)
    }

    /// A new server connection exists: it has no subscriptions; apply every wanted one, the
    /// refused ones included.
    func restore() async -> RestoreResult {
        connected = true
        applied = []
        refused = [:]
        restoring = true
        defer { restoring = false }
        var result = RestoreResult(applied: 0, failures: [], interrupted: false)
        while connected {
            let pending = wanted.wanted.filter { !applied.contains($0) && refused[$0] == nil }
            if pending.isEmpty { break }
            for subscription in pending {
                guard connected else { break }
                guard wanted.contains(subscription) else { continue }
                do {
                    try await apply(subscription)
                    applied.insert(subscription)
                    result.applied += 1
                } catch let error as SignalRError {
                    if case .invocationFailed(_, let message) = error {
                        // The server refuses it (an unknown contract, a foreign account, a
                        // passing failure): keep it wanted, report it, retry it later.
                        if wanted.contains(subscription) { refused[subscription] = message }
                        result.failures.append((subscription, error))
                    } else {
                        result.interrupted = true
                        return result
                    }
                } catch {
                    let message = "\(error)"
                    if wanted.contains(subscription) { refused[subscription] = message }
                    result.failures.append((subscription, .encodingFailed(message)))
                }
            }
        }
        result.interrupted = !connected
        return result
    }

    /// Tries the refused subscriptions again on the current connection.
    func retryRefused() async -> RetryResult {
        var result = RetryResult(applied: [], interrupted: false)
        guard connected, !restoring else {
            result.interrupted = true
            return result
        }
        for subscription in wanted.wanted where refused[subscription] != nil {
            guard connected else { break }
            do {
                try await apply(subscription)
                refused.removeValue(forKey: subscription)
                if wanted.contains(subscription) {
                    applied.insert(subscription)
                    result.applied.append(subscription)
                } else {
                    // Unsubscribed while the retry was on its way: take it back.
                    try? await remove(subscription)
                }
            } catch let error as SignalRError {
                if case .invocationFailed(_, let message) = error {
                    if wanted.contains(subscription) { refused[subscription] = message }
                } else {
                    result.interrupted = true
                    return result
                }
            } catch {
                if wanted.contains(subscription) { refused[subscription] = "\(error)" }
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
