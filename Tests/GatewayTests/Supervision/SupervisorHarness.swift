import NIOConcurrencyHelpers
@testable import Gateway

typealias Supervisor = HubSupervisor<MarketSubscription>
typealias SupervisorAction = Supervisor.Action

/// The instant every supervisor test counts from.
let origin = ContinuousClock.now

let quotesA = MarketSubscription(.quotes, "A")
let depthA = MarketSubscription(.depth, "A")
let quotesB = MarketSubscription(.quotes, "B")

let lostSocket = HubError(code: .connectionLost, message: "The connection to the server was lost.")
let unreachable = HubError(code: .connectFailed, message: "Connection failed at the WebSocket upgrade: refused")
let noAnswer = HubError(code: .timedOut, message: "The server did not answer the invocation of 'SubscribeContractQuotes' within 15 s.", method: "SubscribeContractQuotes")
let unknownContract = HubError(code: .refused, message: "Contract 'B' was not found.", method: "SubscribeContractQuotes")

/// Random numbers from a list, then the last one forever: deterministic jitter.
final class RandomSequence: Sendable {
    private let values: NIOLockedValueBox<[Double]>

    init(_ values: [Double]) { self.values = NIOLockedValueBox(values) }

    func next() -> Double {
        values.withLockedValue { values in values.count > 1 ? values.removeFirst() : (values.first ?? 0) }
    }
}

func makeSupervisor(
    policy: ReconnectPolicy = ReconnectPolicy(),
    staleFeedWindow: Duration? = nil,
    random: RandomSequence = RandomSequence([0])
) -> Supervisor {
    Supervisor(configuration: .init(
        reconnect: policy,
        refusedRetryDelay: .seconds(1),
        refusedRetryMaximumDelay: .seconds(4),
        staleFeedWindow: staleFeedWindow,
        random: { random.next() }
    ))
}

extension Supervisor {
    /// The id of the connect attempt in progress.
    var attempt: UInt64? {
        switch phase {
        case .starting(let id), .reconnecting(let id, _): id
        default: nil
        }
    }

    var connectionID: UInt64? { currentConnection?.id }

    var reconnectTimer: UInt64? {
        if case .waiting(let timer, _, _) = phase { return timer }
        return nil
    }

    var isLive: Bool {
        if case .live = phase { return true }
        return false
    }

    /// Started and connected at `now`, with every wanted subscription answered `done`.
    mutating func connectAndRestore(at now: ContinuousClock.Instant = origin, connectionId: String? = "c1") -> [SupervisorAction] {
        var actions = connectSucceeded(id: attempt!, connectionId: connectionId, now: now)
        for subscription in actions.applies.map(\.0) {
            actions += applyFinished(subscription, connection: connectionID!, outcome: .done, now: now)
        }
        return actions
    }

    /// A machine started and live with `subscriptions` applied.
    static func live(
        _ subscriptions: [MarketSubscription] = [quotesA],
        policy: ReconnectPolicy = ReconnectPolicy(),
        staleFeedWindow: Duration? = nil,
        random: RandomSequence = RandomSequence([0]),
        at now: ContinuousClock.Instant = origin
    ) -> Supervisor {
        var machine = makeSupervisor(policy: policy, staleFeedWindow: staleFeedWindow, random: random)
        for subscription in subscriptions { _ = machine.subscribe(subscription, now: now) }
        _ = machine.start()
        _ = machine.connectAndRestore(at: now)
        return machine
    }

    /// Fires the pending reconnect timer and connects successfully at `now`.
    mutating func reconnectAndRestore(at now: ContinuousClock.Instant) -> [SupervisorAction] {
        var actions = timerFired(reconnectTimer!, now: now)
        actions += connectAndRestore(at: now)
        return actions
    }
}

extension Array where Element == SupervisorAction {
    var connects: [(id: UInt64, refreshToken: Bool)] {
        compactMap { if case .connect(let id, let refresh) = $0 { (id, refresh) } else { nil } }
    }

    var closed: [UInt64] {
        compactMap { if case .closeConnection(let id) = $0 { id } else { nil } }
    }

    var applies: [(MarketSubscription, UInt64)] {
        compactMap { if case .apply(let subscription, let id) = $0 { (subscription, id) } else { nil } }
    }

    var removes: [MarketSubscription] {
        compactMap { if case .remove(let subscription, _) = $0 { subscription } else { nil } }
    }

    var statuses: [HubStatus] {
        compactMap { if case .reportStatus(let status) = $0 { status } else { nil } }
    }

    var gaps: [(reason: String, subscriptions: [MarketSubscription])] {
        compactMap { if case .reportGap(let reason, let subscriptions) = $0 { (reason, subscriptions) } else { nil } }
    }

    var lives: [String?] {
        compactMap { if case .reportLive(let id) = $0 { id } else { nil } }
    }

    var reconnectDelays: [Duration] {
        compactMap { if case .scheduleReconnect(_, let delay) = $0 { delay } else { nil } }
    }

    var refusedRetryDelays: [Duration] {
        compactMap { if case .scheduleRefusedRetry(_, let delay) = $0 { delay } else { nil } }
    }

    var refusedRetryTimers: [UInt64] {
        compactMap { if case .scheduleRefusedRetry(let timer, _) = $0 { timer } else { nil } }
    }

    var cancelledTimers: [UInt64] {
        compactMap { if case .cancelTimer(let timer) = $0 { timer } else { nil } }
    }

    var startCompletions: [HubError?] {
        compactMap { if case .completeStart(let error) = $0 { .some(error) } else { nil } }
    }

    var armsWatchdog: Bool { contains { if case .armWatchdog = $0 { true } else { false } } }
    var disarmsWatchdog: Bool { contains(.disarmWatchdog) }
}
