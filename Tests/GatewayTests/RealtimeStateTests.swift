import Foundation
import SignalR
import NIOConcurrencyHelpers
import Testing
@testable import Gateway
import TestGate

@Suite("Realtime building blocks", .gated)
struct RealtimeStateTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func watchdogTripsOnceAfterTheWindow() {
        var watchdog = FeedWatchdog(window: 30)
        #expect(watchdog.check(at: t0.addingTimeInterval(100)) == .healthy, "disarmed until live")
        watchdog.arm(at: t0)
        watchdog.recordEvent(at: t0.addingTimeInterval(20))
        #expect(watchdog.check(at: t0.addingTimeInterval(49)) == .healthy)
        #expect(watchdog.check(at: t0.addingTimeInterval(50)) == .stale(silence: 30))
        #expect(watchdog.check(at: t0.addingTimeInterval(90)) == .healthy, "one silence, one reconnect")
        watchdog.arm(at: t0.addingTimeInterval(100))
        #expect(watchdog.check(at: t0.addingTimeInterval(129)) == .healthy)
        watchdog.disarm()
        watchdog.recordEvent(at: t0.addingTimeInterval(130))
        #expect(watchdog.check(at: t0.addingTimeInterval(500)) == .healthy)
    }

    @Test func watchdogBacksOffWhileReconnectsBringNothingAndResetsOnData() {
        var watchdog = FeedWatchdog(window: 10)
        var now = t0
        var allowed: [TimeInterval] = []
        // The feed stays frozen across reconnects: each verdict doubles the next allowed silence.
        for _ in 0..<8 {
            watchdog.arm(at: now)
            allowed.append(watchdog.allowedSilence)
            #expect(watchdog.check(at: now.addingTimeInterval(watchdog.allowedSilence - 0.5)) == .healthy)
            now = now.addingTimeInterval(watchdog.allowedSilence)
            #expect(watchdog.check(at: now) == .stale(silence: allowed.last ?? 0))
        }
        #expect(allowed == [10, 20, 40, 80, 160, 320, 320, 320])
        #expect(watchdog.consecutiveStale == 8)
        // Data again: back to one window.
        watchdog.arm(at: now)
        watchdog.recordEvent(at: now.addingTimeInterval(1))
        #expect(watchdog.consecutiveStale == 0 && watchdog.allowedSilence == 10)
        #expect(watchdog.check(at: now.addingTimeInterval(11)) == .stale(silence: 10))
    }

    @Test func subscriptionSetKeepsInsertionOrderWithoutDuplicates() {
        var set = SubscriptionSet<MarketSubscription>()
        let inserted = [
            set.insert(.init(.quotes, "A")),
            set.insert(.init(.depth, "A")),
            set.insert(.init(.quotes, "A")),
            set.insert(.init(.quotes, "B")),
        ]
        #expect(inserted == [true, true, false, true])
        #expect(set.wanted.map(\.description) == ["quotes A", "depth A", "quotes B"])
        let removed = [set.remove(.init(.depth, "A")), set.remove(.init(.depth, "A"))]
        #expect(removed == [true, false])
        #expect(set.wanted.map(\.description) == ["quotes A", "quotes B"])
    }

    @Test func coordinatorAppliesOnlyWhenConnectedAndRestoresEverything() async throws {
        let log = NIOLockedValueBox<[String]>([])
        let refusing = SubscriptionCoordinator<MarketSubscription>(
            apply: { subscription in
                if subscription.contractId == "BAD" { throw SignalRError.invocationFailed(method: "Subscribe", message: "unknown contract") }
                log.withLockedValue { $0.append("+\(subscription)") }
            },
            remove: { subscription in log.withLockedValue { $0.append("-\(subscription)") } }
        )
        try await refusing.subscribe(.init(.quotes, "A"))
        #expect(log.withLockedValue { $0 }.isEmpty, "not connected: only remembered")
        let first = await refusing.restore()
        #expect(first.applied == 1 && first.failures.isEmpty && !first.interrupted)
        try await refusing.subscribe(.init(.trades, "A"))
        try await refusing.subscribe(.init(.trades, "A"))
        #expect(log.withLockedValue { $0 } == ["+quotes A", "+trades A"])
        await #expect(throws: SignalRError.self) { try await refusing.subscribe(.init(.quotes, "BAD")) }
        let kept = await refusing.wantedSubscriptions.count
        #expect(kept == 2, "a refused subscription is not kept")

        await refusing.disconnected()
        try await refusing.unsubscribe(.init(.trades, "A"))
        #expect(log.withLockedValue { $0 }.count == 2, "nothing is sent while disconnected")
        let second = await refusing.restore()
        #expect(second.applied == 1)
        #expect(log.withLockedValue { $0 } == ["+quotes A", "+trades A", "+quotes A"])
        try await refusing.unsubscribe(.init(.quotes, "A"))
        #expect(log.withLockedValue { $0 }.last == "-quotes A")
    }

    @Test func restoreStopsWhenTheConnectionGoesAway() async {
        let coordinator = SubscriptionCoordinator<MarketSubscription>(
            apply: { _ in throw SignalRError.notConnected },
            remove: { _ in }
        )
        try? await coordinator.subscribe(.init(.quotes, "A"))
        let result = await coordinator.restore()
        #expect(result.interrupted)
        #expect(result.applied == 0)
    }

    @Test func broadcasterFansOutInOrderAndCountsDrops() async {
        let broadcaster = EventBroadcaster<Int>(bufferSize: 3)
        let a = broadcaster.stream()
        let b = broadcaster.stream()
        for value in 1...5 { broadcaster.yield(value) }
        broadcaster.finish()
        var seenA: [Int] = []
        for await value in a { seenA.append(value) }
        var seenB: [Int] = []
        for await value in b { seenB.append(value) }
        #expect(seenA == [3, 4, 5])
        #expect(seenB == [3, 4, 5])
        #expect(broadcaster.droppedCount == 4)
        var late: [Int] = []
        for await value in broadcaster.stream() { late.append(value) }
        #expect(late.isEmpty, "a finished broadcaster hands out finished streams")
    }

    @Test func redactionHidesSecrets() {
        let credentials = Credentials(userName: "trader", apiKey: "SECRET-KEY")
        #expect(!"\(credentials)".contains("SECRET"))
        #expect(!String(reflecting: credentials).contains("SECRET"))
        #expect(!"\(Mirror(reflecting: credentials).children.map { "\($0.value)" })".contains("SECRET"))
        #expect(Redaction.url("wss://h/hubs/market?access_token=abc.def&x=1") == "wss://h/hubs/market?access_token=<redacted>&x=1")
    }

    @Test func contractRootFromName() {
        #expect(GatewayClient.root(of: "ESU5") == "ES")
        #expect(GatewayClient.root(of: "MNQZ25") == "MNQ")
        #expect(GatewayClient.root(of: "CLEF6") == "CLE")
    }
}
