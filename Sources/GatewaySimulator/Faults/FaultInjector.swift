import Foundation
import NIOConcurrencyHelpers

/// Switches for the unpleasant parts of the real gateway. The REST, auth and feed faults act
/// here; the hub faults are extension points: standing switches the hub layer reads
/// (``consumeUpgradeRefusal()``, ``frameMode``, ``oversizedDepthFrameBytes``) and one-shot
/// commands it receives from ``hubCommands()``.
public final class FaultInjector: Sendable {
    private struct State {
        var forcedRateLimitRequests: Int?
        var forcedRateLimitUntil: Date?
        var failingValidations = 0
        var refusedUpgrades = 0
        var refusedUserSubscriptions = 0
        var refusedMarketSubscriptions = 0
        var frameMode = HubFrameMode.normal
        var oversizedDepthFrameBytes: Int?
        var lostResponses: [WriteKind: LostResponseSwitch] = [:]
        var commandWatchers: [UUID: AsyncStream<HubFaultCommand>.Continuation] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// The timing faults (``HubTimingFaults``), apart from `state` so that their switches live in their own file.
    let hubTiming = NIOLockedValueBox(HubTimingFaults())
    private let tokens: TokenAuthority
    private let feed: MarketFeed
    private let exchange: Exchange
    private let clock: WallClock
    private let defaultTokenLifetime: TimeInterval

    init(tokens: TokenAuthority, feed: MarketFeed, exchange: Exchange, clock: @escaping WallClock, defaultTokenLifetime: TimeInterval) {
        self.tokens = tokens
        self.feed = feed
        self.exchange = exchange
        self.clock = clock
        self.defaultTokenLifetime = defaultTokenLifetime
    }

    // MARK: Auth

    /// Every token issued so far expires now: REST answers 401, hubs should close.
    public func expireAllTokens() async { await tokens.expireAll() }

    /// Every token issued so far is revoked now.
    public func revokeAllTokens() async { await tokens.revokeAll() }

    /// Lifetime of tokens issued from now on (short lifetimes exercise refresh).
    public func setTokenLifetime(_ seconds: TimeInterval) async { await tokens.setLifetime(seconds) }

    /// The next `count` `Auth/validate` calls fail with errorCode 2 SessionNotFound (HTTP 200),
    /// so clients exercise their fallback to a fresh login.
    public func failNextValidations(_ count: Int) {
        state.withLockedValue { $0.failingValidations = max(0, count) }
    }

    /// Consumes one forced validate failure, if armed.
    public func consumeValidateFailure() -> Bool {
        state.withLockedValue { state in
            guard state.failingValidations > 0 else { return false }
            state.failingValidations -= 1
            return true
        }
    }

    // MARK: Market

    /// Freezes publication of market events; connections stay open and REST stays live.
    public func stallFeed() { feed.setStalled(true) }

    /// Resumes publication (increments only, no snapshot: like the real freeze).
    public func resumeFeed() { feed.setStalled(false) }

    /// Closes or opens the market: placements fail with 5 OutsideTradingHours.
    public func setMarketClosed(_ closed: Bool) async { await exchange.setMarketClosed(closed) }

    // MARK: REST

    /// Answers HTTP 429 to the next `requests` API requests and/or for `duration` seconds,
    /// regardless of the real limits. Both nil clears the burst.
    public func injectRateLimitBurst(requests: Int?, duration: TimeInterval?) {
        let until = duration.map { clock().addingTimeInterval($0) }
        state.withLockedValue { state in
            state.forcedRateLimitRequests = requests.map { max(0, $0) }
            state.forcedRateLimitUntil = until
        }
    }

    /// If a burst is active, consumes one request of it and returns the `Retry-After` seconds.
    public func consumeForcedRateLimit() -> Int? {
        let now = clock()
        return state.withLockedValue { state -> Int? in
            if let until = state.forcedRateLimitUntil {
                if now < until { return Int(until.timeIntervalSince(now).rounded(.up)) }
                state.forcedRateLimitUntil = nil
            }
            if let left = state.forcedRateLimitRequests, left > 0 {
                state.forcedRateLimitRequests = left - 1
                return 1
            }
            state.forcedRateLimitRequests = nil
            return nil
        }
    }

    // MARK: Writes

    /// The next `count` writes of `kind` lose their answer as `mode` says: executed, then the
    /// connection reset, held (``LostResponseMode/hang``, for `hangSeconds`), answered with an
    /// unreadable 200 or with HTTP 500; or reset without being executed. A count of 0 disarms.
    ///
    /// ```swift
    /// simulator.faults.loseResponses(of: .place, mode: .reset)       // the next placement
    /// simulator.faults.loseResponses(of: .cancel, mode: .status500, count: 2)
    /// ```
    public func loseResponses(of kind: WriteKind, mode: LostResponseMode, count: Int = 1, hangSeconds: Double = LostResponseSwitch.defaultHangSeconds) {
        state.withLockedValue { state in
            guard count > 0 else {
                state.lostResponses[kind] = nil
                return
            }
            // At most an hour: the hang becomes a Duration, and 1e300 seconds would trap there.
            let hang = hangSeconds.isFinite && hangSeconds > 0 ? min(hangSeconds, 3_600) : LostResponseSwitch.defaultHangSeconds
            state.lostResponses[kind] = LostResponseSwitch(mode: mode, remaining: count, hangSeconds: hang)
        }
    }

    /// Called by the REST layer on each write of `kind`: the way to lose its answer, if armed
    /// (consuming one).
    public func consumeLostResponse(for kind: WriteKind) -> LostResponseSwitch? {
        state.withLockedValue { state in
            guard var armed = state.lostResponses[kind], armed.remaining > 0 else { return nil }
            armed.remaining -= 1
            state.lostResponses[kind] = armed.remaining > 0 ? armed : nil
            return armed
        }
    }

    // MARK: Hub extension points

    /// Refuse the next `count` hub WebSocket upgrades with HTTP 401 (negotiate is not refused, so
    /// a negotiating client meets the 401 at the upgrade, the case a token expiring between the
    /// two produces).
    public func refuseNextUpgrades(_ count: Int) {
        state.withLockedValue { $0.refusedUpgrades = max(0, count) }
    }

    /// Called by the hub layer on each WebSocket upgrade: true means answer 401.
    public func consumeUpgradeRefusal() -> Bool {
        state.withLockedValue { state in
            guard state.refusedUpgrades > 0 else { return false }
            state.refusedUpgrades -= 1
            return true
        }
    }

    /// Refuse the next `count` `Subscribe…` calls on the selected hub (each hub counts its own
    /// with `.all`) with a hub error Completion, as a gateway that refuses a subscription for a
    /// moment does. Clients must keep the subscription wanted and try it again, not forget it.
    public func refuseNextSubscriptions(_ count: Int, on hub: HubSelector = .all) {
        let count = max(0, count)
        state.withLockedValue { state in
            if hub != .market { state.refusedUserSubscriptions = count }
            if hub != .user { state.refusedMarketSubscriptions = count }
        }
    }

    /// Called by a hub on each `Subscribe…` call (`hub` is `.user` or `.market`): true means
    /// refuse it.
    public func consumeSubscriptionRefusal(on hub: HubSelector) -> Bool {
        state.withLockedValue { state in
            switch hub {
            case .user:
                guard state.refusedUserSubscriptions > 0 else { return false }
                state.refusedUserSubscriptions -= 1
            case .market:
                guard state.refusedMarketSubscriptions > 0 else { return false }
                state.refusedMarketSubscriptions -= 1
            case .all:
                return false
            }
            return true
        }
    }

    /// How the hub layer frames outgoing messages.
    public var frameMode: HubFrameMode { state.withLockedValue { $0.frameMode } }

    /// Sets the framing mode.
    public func setFrameMode(_ mode: HubFrameMode) {
        state.withLockedValue { $0.frameMode = mode }
    }

    /// When set, the market hub pads depth snapshots to at least this many bytes in one frame
    /// (for example 1 MiB), to test receive caps.
    public var oversizedDepthFrameBytes: Int? { state.withLockedValue { $0.oversizedDepthFrameBytes } }

    /// Sets or clears oversized depth frames.
    public func setOversizedDepthFrames(bytes: Int?) {
        state.withLockedValue { $0.oversizedDepthFrameBytes = bytes.map { max(1, $0) } }
    }

    /// Sends a one-shot command to every hub-layer listener.
    public func send(_ command: HubFaultCommand) {
        let watchers = state.withLockedValue { Array($0.commandWatchers.values) }
        for watcher in watchers { watcher.yield(command) }
    }

    /// The stream of one-shot hub commands (the hub layer iterates it for the server's life).
    public func hubCommands() -> AsyncStream<HubFaultCommand> {
        let (stream, continuation) = AsyncStream.makeStream(of: HubFaultCommand.self, bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        state.withLockedValue { $0.commandWatchers[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLockedValue { _ = $0.commandWatchers.removeValue(forKey: id) }
        }
        return stream
    }

    // MARK: Status

    /// Every switch at once.
    public func snapshot() async -> FaultSnapshot {
        let lifetime = await tokens.lifetime
        let closed = await exchange.marketClosed
        let stalled = feed.isStalled
        return state.withLockedValue { state in
            let mode: String
            switch state.frameMode {
            case .normal: mode = "normal"
            case .split(let bytes): mode = "split(\(bytes))"
            case .fragment(let bytes): mode = "fragment(\(bytes))"
            case .batch(let count): mode = "batch(\(count))"
            }
            return FaultSnapshot(
                feedStalled: stalled, marketClosed: closed, tokenLifetimeSeconds: lifetime,
                forcedRateLimitRequestsLeft: state.forcedRateLimitRequests,
                forcedRateLimitUntil: state.forcedRateLimitUntil.map { ISOTimestamp.format($0) },
                failingValidations: state.failingValidations, refusedUpgradesLeft: state.refusedUpgrades,
                refusedUserSubscriptionsLeft: state.refusedUserSubscriptions,
                refusedMarketSubscriptionsLeft: state.refusedMarketSubscriptions,
                frameMode: mode, oversizedDepthFrameBytes: state.oversizedDepthFrameBytes,
                lostResponses: Dictionary(uniqueKeysWithValues: state.lostResponses.map { ($0.key.rawValue, $0.value) })
            )
        }
    }

    /// Turns every switch off and restores the configured token lifetime. Tokens already
    /// expired or revoked stay so.
    public func reset() async {
        state.withLockedValue { state in
            state.forcedRateLimitRequests = nil
            state.forcedRateLimitUntil = nil
            state.failingValidations = 0
            state.refusedUpgrades = 0
            state.refusedUserSubscriptions = 0
            state.refusedMarketSubscriptions = 0
            state.frameMode = .normal
            state.oversizedDepthFrameBytes = nil
            state.lostResponses = [:]
        }
        hubTiming.withLockedValue { $0 = HubTimingFaults() }
        feed.setStalled(false)
        await exchange.setMarketClosed(false)
        await tokens.setLifetime(defaultTokenLifetime)
    }
}
