/// The lifecycle of an ``AccountMonitor``'s state as a pure machine: inputs are what the user
/// hub and the REST snapshots report, outputs are actions for the monitor to perform. No socket,
/// no clock, no task: the transitions are tested on their own.
///
/// **Why these rules keep the state equal to the server's.** The gateway sends every user event
/// with the whole object (order, position, account, fill) on one connection, in order, and
/// replays nothing. So:
/// - After a gap (a dropped connection, an unreadable event, a consumer that fell behind) some
///   event is lost for good: the state is rebuilt from a REST snapshot, and everything received
///   before the gap is discarded, since an old event applied on top of a newer snapshot could
///   bring back an order whose fill was the event that was lost.
/// - The snapshot is taken only when the hub is live (every subscription applied), so nothing
///   can change unseen between the snapshot and the events that follow it.
/// - Events that arrive while the snapshot is on its way are buffered and applied after it, in
///   order. One of them may be older than the snapshot (it was on the wire when the snapshot was
///   read); applying it may briefly show an older value of that one object, but every later
///   change of the object arrives after it on the same connection and is applied after it, so
///   the state converges to the server's without another snapshot. Dropping those events
///   instead would lose the changes that happened after the snapshot was read.
/// - A live event while a snapshot is on its way restarts the snapshot: a subscription applied
///   after the snapshot started could have missed changes in between.
///
/// ```swift
/// var machine = AccountSyncMachine(accountId: 12)
/// let actions = machine.hubLive(refused: [], reason: "the user hub is live")  // [.status(...), .takeSnapshot(id: 1)]
/// ```
struct AccountSyncMachine: Sendable {
    enum Phase: Sendable, Equatable {
        /// Updates may have been lost; the snapshot waits for the hub to be live.
        case waitingForHub
        /// Snapshot `id` is on its way; events are buffered.
        case snapshotting(id: Int)
        /// Snapshot `id` failed; the next one starts after a pause.
        case retrying(id: Int)
        /// The state is the server's, kept by events.
        case synced
    }

    enum Action: Sendable, Equatable {
        /// Read a REST snapshot and report it with ``snapshotLoaded(id:_:)`` or
        /// ``snapshotFailed(id:error:)``.
        case takeSnapshot(id: Int)
        /// Call ``retryDue(id:)`` after `after`.
        case retrySnapshot(id: Int, after: Duration)
        /// Publish these changes of the state.
        case publish([AccountChange])
        /// Publish the new status.
        case status(AccountMonitorStatus)
    }

    private(set) var state: AccountSnapshot
    private(set) var phase: Phase = .waitingForHub
    private(set) var status: AccountMonitorStatus = .starting
    /// The id of the snapshot the state was last rebuilt from.
    private(set) var appliedSnapshotId: Int?
    /// Snapshots applied, gaps seen, snapshots that failed.
    private(set) var statistics = (snapshots: 0, gaps: 0, failedSnapshots: 0)
    private var buffer: [UserEvent] = []
    private var nextSnapshotId = 1
    /// Why the state is being rebuilt.
    private var reason = "starting"
    /// This account's subscriptions the gateway refuses (with its message).
    private var refused: [String] = []
    private var consecutiveFailures = 0
    let retryDelay: Duration
    let maximumRetryDelay: Duration

    init(accountId: Int, retryDelay: Duration = .milliseconds(500), maximumRetryDelay: Duration = .seconds(30)) {
        state = AccountSnapshot(accountId: accountId)
        self.retryDelay = retryDelay
        self.maximumRetryDelay = max(retryDelay, maximumRetryDelay)
    }

    /// The monitor subscribed; the first snapshot waits for the hub.
    mutating func started() -> [Action] {
        guard phase == .waitingForHub, status == .starting else { return [] }
        reason = Self.waitingForHub
        return setStatus(.synchronizing(reason: reason))
    }

    /// Updates may have been lost. `hubLive` says whether the hub is connected with its
    /// subscriptions applied right now (a gap on a live connection: an unreadable event, a
    /// consumer that fell behind); then the snapshot starts at once, otherwise at the next
    /// ``hubLive(refused:reason:)``.
    mutating func gap(reason: String, hubLive: Bool, refused: [String]) -> [Action] {
        statistics.gaps += 1
        buffer = []
        phase = .waitingForHub
        self.reason = reason
        var actions = setStatus(.synchronizing(reason: reason))
        if hubLive { actions += self.hubLive(refused: refused, reason: reason) }
        return actions
    }

    /// The hub is live with this account's subscriptions applied (except `refused`): take a
    /// snapshot, replacing one on its way.
    mutating func hubLive(refused: [String], reason: String) -> [Action] {
        self.refused = refused
        if phase == .synced || status == .starting || self.reason == Self.waitingForHub { self.reason = reason }
        return setStatus(.synchronizing(reason: self.reason)) + startSnapshot()
    }

    /// A user-hub event with data.
    mutating func data(_ event: UserEvent) -> [Action] {
        switch phase {
        case .synced:
            let changes = state.apply(event)
            return changes.isEmpty ? [] : [.publish(changes)]
        case .snapshotting:
            buffer.append(event)
            return []
        case .waitingForHub, .retrying:
            // The next snapshot is read after this event happened: it covers it.
            return []
        }
    }

    /// Snapshot `id` was read.
    mutating func snapshotLoaded(id: Int, _ snapshot: AccountSnapshot) -> [Action] {
        guard phase == .snapshotting(id: id) else { return [] }
        var changes = state.replace(with: snapshot)
        for event in buffer { changes += state.apply(event) }
        buffer = []
        consecutiveFailures = 0
        phase = .synced
        appliedSnapshotId = id
        statistics.snapshots += 1
        let actions: [Action] = changes.isEmpty ? [] : [.publish(changes)]
        return actions + setStatus(syncedStatus)
    }

    /// Snapshot `id` could not be read: try again after a pause that doubles each time.
    mutating func snapshotFailed(id: Int, error: String) -> [Action] {
        guard phase == .snapshotting(id: id) else { return [] }
        statistics.failedSnapshots += 1
        consecutiveFailures += 1
        buffer = []
        var delay = retryDelay
        for _ in 1..<min(consecutiveFailures, 20) { delay = min(delay * 2, maximumRetryDelay) }
        phase = .retrying(id: id)
        let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
        let status = AccountMonitorStatus.synchronizing(
            reason: "\(reason); the snapshot failed (\(error)); retrying in \(seconds < 1 ? "\(Int(seconds * 1000)) ms" : "\(Int(seconds.rounded())) s")"
        )
        return setStatus(status) + [.retrySnapshot(id: id, after: delay)]
    }

    /// The pause after snapshot `id` failed is over.
    mutating func retryDue(id: Int) -> [Action] {
        guard phase == .retrying(id: id) else { return [] }
        return startSnapshot()
    }

    private static let waitingForHub = "waiting for the user hub to be live"

    private var syncedStatus: AccountMonitorStatus {
        refused.isEmpty ? .inSync : .degraded(reason: "the gateway refused \(refused.joined(separator: "; ")); the hub retries, updates of that kind are missing meanwhile")
    }

    private mutating func startSnapshot() -> [Action] {
        let id = nextSnapshotId
        nextSnapshotId += 1
        buffer = []
        phase = .snapshotting(id: id)
        return [.takeSnapshot(id: id)]
    }

    private mutating func setStatus(_ new: AccountMonitorStatus) -> [Action] {
        guard new != status else { return [] }
        status = new
        return [.status(new)]
    }
}
