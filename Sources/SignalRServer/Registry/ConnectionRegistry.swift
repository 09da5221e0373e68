import NIOConcurrencyHelpers

/// A hub's connections: negotiated ones waiting for their socket, live ones, and groups.
///
/// Readers of the hot send path take a snapshot (a copy-on-write dictionary, so a retain, not a
/// copy) under the lock and send outside it.
final class ConnectionRegistry: Sendable {
    /// The outcome of presenting a transport id at the upgrade.
    enum Claim: Sendable {
        case claimed(PendingConnection)
        /// Never negotiated, expired, or already finished: `404`.
        case unknown
        /// A socket for this id is open: `409`.
        case alreadyActive
        /// The upgrade's user differs from the negotiate's user: `403`.
        case differentUser
    }

    private struct State {
        var pending: [String: PendingConnection] = [:]
        var claimed: Set<String> = []
        var connections: [String: HubConnectionContext] = [:]
        var groups: [String: [String: HubConnectionContext]] = [:]
        var membership: [String: Set<String>] = [:]
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    /// Records a negotiated connection, dropping those negotiated too long ago.
    func addPending(_ connection: PendingConnection, now: ContinuousClock.Instant, timeout: Duration) {
        state.withLockedValue { state in
            state.pending = state.pending.filter { !$0.value.isExpired(now: now, after: timeout) }
            state.pending[connection.transportId] = connection
        }
    }

    /// Claims a negotiated connection for a WebSocket.
    func claim(transportId: String, user: String?, now: ContinuousClock.Instant, timeout: Duration) -> Claim {
        state.withLockedValue { state in
            if state.claimed.contains(transportId) { return .alreadyActive }
            guard let pending = state.pending[transportId] else { return .unknown }
            if pending.isExpired(now: now, after: timeout) {
                state.pending[transportId] = nil
                return .unknown
            }
            if let expected = pending.principal.user, let user, expected != user {
                return .differentUser
            }
            state.pending[transportId] = nil
            state.claimed.insert(transportId)
            return .claimed(pending)
        }
    }

    /// Marks a fresh (skip-negotiation) transport id as in use.
    func claimFresh(transportId: String) {
        _ = state.withLockedValue { $0.claimed.insert(transportId) }
    }

    /// Frees a transport id whose socket never started.
    func release(transportId: String) {
        _ = state.withLockedValue { $0.claimed.remove(transportId) }
    }

    /// Makes a connection reachable by sends, and queues its handshake answer (`answer`) while
    /// no send can find it: every send that reaches the connection is queued after the answer,
    /// and a client that has read the answer is already registered, so that a `closeAll()` or a
    /// broadcast made as soon as the client's `start()` returns reaches it. (Answering first and
    /// registering after left a window in which `abortAll()` missed a client that was already
    /// connected: a repeat run of the suite failed on it once.) `answer` only queues; it must
    /// not call back into the registry.
    func activate(_ connection: HubConnectionContext, answering answer: () -> Void) {
        state.withLockedValue { state in
            state.connections[connection.connectionId] = connection
            answer()
        }
    }

    /// Forgets a connection and its group memberships. Its transport id stays unknown afterwards.
    func remove(_ connection: HubConnectionContext) {
        state.withLockedValue { state in
            let id = connection.connectionId
            state.connections[id] = nil
            state.claimed.remove(connection.transportId)
            for group in state.membership.removeValue(forKey: id) ?? [] {
                state.groups[group]?[id] = nil
                if state.groups[group]?.isEmpty == true { state.groups[group] = nil }
            }
        }
    }

    /// Adds a live connection to a group. Returns `false` when the connection is not live.
    @discardableResult
    func addToGroup(connectionId: String, group: String) -> Bool {
        state.withLockedValue { state in
            guard let connection = state.connections[connectionId] else { return false }
            state.groups[group, default: [:]][connectionId] = connection
            state.membership[connectionId, default: []].insert(group)
            return true
        }
    }

    /// Removes a connection from a group. Returns whether it was a member.
    @discardableResult
    func removeFromGroup(connectionId: String, group: String) -> Bool {
        state.withLockedValue { state in
            guard state.groups[group]?.removeValue(forKey: connectionId) != nil else { return false }
            if state.groups[group]?.isEmpty == true { state.groups[group] = nil }
            state.membership[connectionId]?.remove(group)
            return true
        }
    }

    func groups(of connectionId: String) -> Set<String> {
        state.withLockedValue { $0.membership[connectionId] ?? [] }
    }

    func members(of group: String) -> [String: HubConnectionContext] {
        state.withLockedValue { $0.groups[group] ?? [:] }
    }

    func all() -> [String: HubConnectionContext] {
        state.withLockedValue { $0.connections }
    }

    func connection(id: String) -> HubConnectionContext? {
        state.withLockedValue { $0.connections[id] }
    }

    var pendingCount: Int { state.withLockedValue { $0.pending.count } }
}
