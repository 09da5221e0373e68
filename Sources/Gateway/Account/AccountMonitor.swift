import Foundation
import Logging
import NIOConcurrencyHelpers

/// One account's orders, positions, balance and fills of the trading day, kept equal to the
/// gateway's: a REST snapshot at start and after every gap, then the user hub's events.
///
/// A gap is anything after which an update may be missing: the hub's connection dropped (the
/// gateway replays nothing), an event could not be read, this monitor fell behind the hub, or a
/// subscription was refused and later accepted. The monitor then reads a new snapshot once the
/// hub is live again and publishes the changes it made, so that ``snapshot`` equals the server's
/// state again; `AccountSyncMachine` explains why events that arrive meanwhile are neither lost
/// nor applied out of order. A subscription the gateway refuses is retried by the hub and shown
/// as ``AccountMonitorStatus/degraded(reason:)`` until it is accepted.
///
/// With a ``MarketHub`` the monitor also values open positions at the last traded price
/// (``positionValues(waitingUpTo:)``).
///
/// ```swift
/// let user = UserHub(client: client)
/// try await user.start()
/// let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user)
/// await monitor.start()
/// let updates = monitor.updates()
/// let state = try await monitor.synchronized()          // in sync: equal to the server's
/// print(state.workingOrders.count, state.openPositions.count, state.balance ?? 0)
/// for await update in updates {
///     if case .change(.fill(let fill)) = update { print("filled", fill.size, "@", fill.price) }
/// }
/// ```
///
/// The hubs belong to the caller: the monitor neither starts nor stops them, so one user hub
/// can serve several monitors.
public final class AccountMonitor: Sendable {
    /// Settings of a monitor.
    public struct Options: Sendable {
        /// Where "today" begins for ``AccountSnapshot/fills``. Default ``TradingDay/cme``.
        public var tradingDay: TradingDay = .cme
        /// The pause after a failed snapshot, doubled after each failure up to
        /// ``maximumSnapshotRetryDelay``. Default 0.5 s.
        public var snapshotRetryDelay: Duration = .milliseconds(500)
        /// Default 30 s.
        public var maximumSnapshotRetryDelay: Duration = .seconds(30)
        /// Updates buffered per consumer of ``AccountMonitor/updates()`` before the oldest are
        /// dropped (the consumer then gets ``AccountUpdate/overflow``). Default 10,000.
        public var updateBufferSize = 10_000

        public init() {}
    }

    /// What the monitor's loop consumes, in arrival order.
    private enum Input: Sendable {
        case hub(UserEvent)
        case hubLive(reason: String)
        case snapshot(id: Int, Result<AccountSnapshot, any Error>)
        case retryDue(id: Int)
        case resynchronize(reason: String)
    }

    /// What readers see between the loop's steps.
    private struct Published: Sendable {
        var snapshot: AccountSnapshot
        var status: AccountMonitorStatus = .starting
        var statistics = (snapshots: 0, gaps: 0, failedSnapshots: 0)
        /// When the snapshot the state was last rebuilt from started.
        var syncedFrom: ContinuousClock.Instant?
        var started = false
        var stopped = false
    }

    /// The account this monitor keeps.
    public let accountId: Int
    private let client: GatewayClient
    private let userHub: UserHub
    private let marketHub: MarketHub?
    private let options: Options
    private let logger: Logger
    private let inputs: AsyncStream<Input>
    private let sink: AsyncStream<Input>.Continuation
    private let published: NIOLockedValueBox<Published>
    private let broadcaster: EventBroadcaster<AccountUpdate>
    private let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    private let pricing: PositionPricing?

    /// - Parameters:
    ///   - client: the client whose REST calls read the snapshots.
    ///   - accountId: the account to keep.
    ///   - userHub: the user hub to subscribe on (started by the caller, before or after).
    ///   - marketHub: a market hub (started by the caller) to value positions with; nil for none.
    ///   - contracts: contracts already known, for their tick size and value; others are looked up.
    ///   - options: the trading day, snapshot retry delays and update buffer size.
    ///   - logger: where the monitor logs.
    public init(
        client: GatewayClient, accountId: Int, userHub: UserHub, marketHub: MarketHub? = nil, contracts: [Contract] = [],
        options: Options = .init(), logger: Logger = Logger(label: "gateway.account")
    ) {
        self.accountId = accountId
        self.client = client
        self.userHub = userHub
        self.marketHub = marketHub
        self.options = options
        self.logger = logger
        (inputs, sink) = AsyncStream<Input>.makeStream(bufferingPolicy: .unbounded)
        published = NIOLockedValueBox(Published(snapshot: AccountSnapshot(accountId: accountId)))
        broadcaster = EventBroadcaster(bufferSize: options.updateBufferSize, overflowMarker: { .overflow })
        pricing = marketHub.map { PositionPricing(client: client, market: $0, contracts: contracts) }
    }

    /// The user-hub subscriptions the monitor needs: account updates (for every account of the
    /// user; shared, so ``stop()`` keeps it), and this account's orders, positions and trades.
    public var subscriptions: [UserSubscription] {
        [.accounts, .orders(accountId: accountId), .positions(accountId: accountId), .trades(accountId: accountId)]
    }

    /// Whether the monitor values positions (it was given a market hub).
    public var pricesPositions: Bool { pricing != nil }

    /// The state now. Check ``status`` (or wait with ``synchronized(since:timeout:)``) to know
    /// whether it equals the server's.
    public var snapshot: AccountSnapshot { published.withLockedValue { $0.snapshot } }

    /// Whether ``snapshot`` equals the server's.
    public var status: AccountMonitorStatus { published.withLockedValue { $0.status } }

    /// Snapshots applied, gaps seen (each one rebuilds the state; ``resynchronize(reason:)``
    /// counts as one) and snapshots that failed (and were retried).
    public var statistics: (snapshots: Int, gaps: Int, failedSnapshots: Int) { published.withLockedValue { $0.statistics } }

    /// A new stream of the state now (``AccountUpdate/initial(_:_:)``), then every change and
    /// status change, in order, with nothing lost in between. It ends when the monitor stops.
    public func updates() -> AsyncStream<AccountUpdate> {
        broadcaster.stream { [published] in
            published.withLockedValue { .initial($0.snapshot, $0.status) }
        }
    }

    /// Subscribes on the user hub and starts keeping the state; the first snapshot is read once
    /// the hub is live. A subscription the gateway refuses is not an error here: the hub retries
    /// it, and ``status`` says ``AccountMonitorStatus/degraded(reason:)`` meanwhile.
    public func start() async {
        let first = published.withLockedValue { published -> Bool in
            defer { published.started = true }
            return !published.started
        }
        guard first else { return }
        let events = userHub.events()
        let sink = sink
        add(Task { for await event in events { sink.yield(.hub(event)) } })
        add(Task { [weak self] in await self?.run() })
        if let pricing { add(pricing.start()) }
        for subscription in subscriptions {
            do {
                try await userHub.subscribe(subscription)
            } catch {
                logger.error("The gateway refused \(subscription); the hub retries it.", metadata: ["error": "\(error)"])
            }
        }
        // A hub that was live before these subscriptions were added sends no live event for
        // them: they were applied just now, so the first snapshot can be read.
        if Self.isLive(userHub.status) { sink.yield(.hubLive(reason: "the subscriptions are applied")) }
    }

    /// Stops keeping the state, removes this account's order, position and trade subscriptions
    /// (account updates stay: other monitors may share them) and ends every update stream. A
    /// stopped monitor stays stopped.
    public func stop() async {
        var first = false
        broadcaster.yieldAtomically { [published] in
            first = published.withLockedValue { published -> Bool in
                defer {
                    published.stopped = true
                    published.status = .stopped
                }
                return !published.stopped
            }
            return first ? [.status(.stopped)] : []
        }
        guard first else { return }
        sink.finish()
        let running = tasks.withLockedValue { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in running { task.cancel() }
        broadcaster.finish()
        for subscription in subscriptions where subscription != .accounts {
            try? await userHub.unsubscribe(subscription)
        }
    }

    /// Reads a new snapshot now (once the hub is live), as after a gap; for example after a write
    /// whose outcome was ambiguous.
    public func resynchronize(reason: String = "requested") {
        sink.yield(.resynchronize(reason: reason))
    }

    /// The state once it is in sync, waiting up to `timeout` for that.
    ///
    /// - Parameters:
    ///   - instant: only a state rebuilt from a snapshot that started after `instant` counts, for
    ///     example the moment a fault was injected; nil accepts the current one.
    ///   - timeout: how long to wait.
    /// - Throws: ``AccountMonitorError`` `notInSync` (with the status) after `timeout`, `stopped`
    ///   when the monitor stops.
    @discardableResult
    public func synchronized(since instant: ContinuousClock.Instant? = nil, timeout: Duration = .seconds(30)) async throws -> AccountSnapshot {
        try await waitForState(timeout: timeout, description: "in sync") { published in
            guard published.status == .inSync else { return false }
            guard let instant else { return true }
            return published.syncedFrom.map { $0 >= instant } ?? false
        }
    }

    /// The state once it is in sync or degraded (the snapshot is applied but a refused
    /// subscription's updates are missing), waiting up to `timeout`: what a one-off reading needs.
    ///
    /// - Parameters:
    ///   - instant: as in ``synchronized(since:timeout:)``.
    ///   - timeout: how long to wait.
    public func settled(since instant: ContinuousClock.Instant? = nil, timeout: Duration = .seconds(30)) async throws -> AccountSnapshot {
        try await waitForState(timeout: timeout, description: "in sync or degraded") { published in
            switch published.status {
            case .inSync, .degraded:
                guard let instant else { return true }
                return published.syncedFrom.map { $0 >= instant } ?? false
            default:
                return false
            }
        }
    }

    /// The open positions valued at the last traded price: subscribes to the quotes of each
    /// position's contract (the subscription stays, for later valuations) and waits up to
    /// `wait` for a first price where none is known. Without a market hub, no prices.
    public func positionValues(waitingUpTo wait: Duration = .seconds(3)) async -> [PositionValue] {
        let positions = snapshot.openPositions
        guard let pricing else { return positions.map { PositionValue(position: $0, contract: nil, lastPrice: nil) } }
        return await pricing.values(of: positions, waitingUpTo: wait)
    }

    // MARK: The loop

    private func run() async {
        var machine = AccountSyncMachine(
            accountId: accountId, retryDelay: options.snapshotRetryDelay, maximumRetryDelay: options.maximumSnapshotRetryDelay
        )
        var starts: [Int: ContinuousClock.Instant] = [:]
        var snapshotTask: Task<Void, Never>?
        var retryTask: Task<Void, Never>?
        var dayTimer: Task<Void, Never>?
        defer {
            snapshotTask?.cancel()
            retryTask?.cancel()
            dayTimer?.cancel()
        }
        perform(machine.started(), machine: machine, starts: starts)
        for await input in inputs {
            let actions: [AccountSyncMachine.Action]
            switch input {
            case .hub(.gap(let reason)):
                let live = Self.isLive(userHub.status)
                actions = machine.gap(reason: reason, hubLive: live, refused: live ? await refusedHere() : [])
            case .hub(.live):
                actions = machine.hubLive(refused: await refusedHere(), reason: "the user hub re-applied its subscriptions")
            case .hub(let event):
                actions = machine.data(event)
            case .hubLive(let reason):
                actions = machine.hubLive(refused: await refusedHere(), reason: reason)
            case .snapshot(let id, .success(let snapshot)):
                actions = machine.snapshotLoaded(id: id, snapshot)
            case .snapshot(let id, .failure(let error)):
                logger.warning("The account snapshot failed; retrying.", metadata: ["account": "\(accountId)", "error": "\(error)"])
                actions = machine.snapshotFailed(id: id, error: "\(error)")
            case .retryDue(let id):
                actions = machine.retryDue(id: id)
            case .resynchronize(let reason):
                let live = Self.isLive(userHub.status)
                actions = machine.gap(reason: reason, hubLive: live, refused: live ? await refusedHere() : [])
            }
            for action in actions {
                switch action {
                case .takeSnapshot(let id):
                    starts = [id: .now]
                    snapshotTask?.cancel()
                    snapshotTask = takeSnapshot(id: id)
                case .retrySnapshot(let id, let delay):
                    retryTask?.cancel()
                    let sink = sink
                    retryTask = Task {
                        try? await Task.sleep(for: delay)
                        if !Task.isCancelled { sink.yield(.retryDue(id: id)) }
                    }
                case .status(.inSync), .status(.degraded):
                    dayTimer?.cancel()
                    dayTimer = scheduleNextTradingDay(after: machine.state.fillsSince)
                case .publish, .status:
                    break
                }
            }
            perform(actions, machine: machine, starts: starts)
        }
    }

    /// Publishes the machine's state together with its changes and status changes: the state
    /// readers see, and the first element of a new update stream, are always as of the last
    /// update delivered.
    private func perform(_ actions: [AccountSyncMachine.Action], machine: AccountSyncMachine, starts: [Int: ContinuousClock.Instant]) {
        var updates: [AccountUpdate] = []
        for action in actions {
            switch action {
            case .publish(let changes):
                updates += changes.map(AccountUpdate.change)
            case .status(let status):
                logger.info("Account \(accountId): \(status)")
                updates.append(.status(status))
            case .takeSnapshot, .retrySnapshot:
                break
            }
        }
        broadcaster.yieldAtomically { [published] in
            published.withLockedValue { published -> [AccountUpdate] in
                // After stop() nothing more is published: `.stopped` is the last status.
                guard !published.stopped else { return [] }
                published.snapshot = machine.state
                published.status = machine.status
                published.statistics = machine.statistics
                if let id = machine.appliedSnapshotId, let start = starts[id] { published.syncedFrom = start }
                return updates
            }
        }
    }

    private func takeSnapshot(id: Int) -> Task<Void, Never> {
        let loader = AccountSnapshotLoader(client: client, accountId: accountId)
        let since = options.tradingDay.start(containing: Date())
        let sink = sink
        return Task {
            do {
                sink.yield(.snapshot(id: id, .success(try await loader.load(fillsSince: since))))
            } catch {
                if !Task.isCancelled { sink.yield(.snapshot(id: id, .failure(error))) }
            }
        }
    }

    /// At the next trading day the fills of the day before leave the state: read a snapshot.
    private func scheduleNextTradingDay(after start: Date) -> Task<Void, Never> {
        let next = options.tradingDay.nextStart(after: max(start, Date()))
        let sink = sink
        return Task {
            let seconds = max(0, next.timeIntervalSinceNow)
            try? await Task.sleep(for: .milliseconds(Int64(min(seconds, 2 * 86_400) * 1000) + 1))
            if !Task.isCancelled { sink.yield(.resynchronize(reason: "a new trading day began")) }
        }
    }

    /// This account's subscriptions the gateway refuses now, with its message.
    private func refusedHere() async -> [String] {
        let mine = Set(subscriptions)
        return await userHub.refusedSubscriptions.filter { mine.contains($0.key) }.map { "\($0.key) (\($0.value))" }.sorted()
    }

    private func waitForState(
        timeout: Duration, description: String, _ condition: @escaping @Sendable (Published) -> Bool
    ) async throws -> AccountSnapshot {
        let updates = broadcaster.stream()
        let check: @Sendable () -> AccountSnapshot? = { [published] in
            published.withLockedValue { condition($0) ? $0.snapshot : nil }
        }
        if let state = check() { return state }
        let result = try await withThrowingTaskGroup(of: AccountSnapshot?.self) { group in
            group.addTask {
                for await _ in updates {
                    if let state = check() { return state }
                }
                return check()
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let result { return result }
        let status = status
        if status == .stopped { throw AccountMonitorError(.stopped, "The monitor of account \(accountId) was stopped.") }
        throw AccountMonitorError(
            .notInSync,
            "The state of account \(accountId) was not \(description) within \(timeout) (\(status)). Check the user hub's status and the gateway."
        )
    }

    private func add(_ task: Task<Void, Never>) {
        tasks.withLockedValue { $0.append(task) }
    }

    private static func isLive(_ status: HubStatus) -> Bool {
        switch status {
        case .live, .degraded: true
        default: false
        }
    }
}
