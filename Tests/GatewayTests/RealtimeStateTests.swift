import Foundation
import SignalR
import Testing
@testable import Gateway
import TestGate

@Suite("Realtime building blocks", .gated)
struct RealtimeStateTests {
    let t0 = ContinuousClock.now

    @Test func watchdogTripsOnceAfterTheWindow() {
        var watchdog = FeedWatchdog(window: .seconds(30))
        #expect(watchdog.check(at: t0 + .seconds(100)) == .healthy, "disarmed until live")
        watchdog.arm(at: t0)
        watchdog.recordEvent(at: t0 + .seconds(20))
        #expect(watchdog.check(at: t0 + .seconds(49)) == .healthy)
        #expect(watchdog.check(at: t0 + .seconds(50)) == .stale(silence: .seconds(30)))
        #expect(watchdog.check(at: t0 + .seconds(90)) == .healthy, "one silence, one reconnect")
        watchdog.arm(at: t0 + .seconds(100))
        #expect(watchdog.check(at: t0 + .seconds(129)) == .healthy)
        watchdog.disarm()
        watchdog.recordEvent(at: t0 + .seconds(130))
        #expect(watchdog.check(at: t0 + .seconds(500)) == .healthy)
    }

    @Test func watchdogBacksOffWhileReconnectsBringNothingAndResetsOnData() {
        var watchdog = FeedWatchdog(window: .seconds(10))
        var now = t0
        var allowed: [Duration] = []
        // The feed stays frozen across reconnects: each verdict doubles the next allowed silence.
        for _ in 0..<8 {
            watchdog.arm(at: now)
            allowed.append(watchdog.allowedSilence)
            #expect(watchdog.check(at: now + watchdog.allowedSilence - .milliseconds(500)) == .healthy)
            now += watchdog.allowedSilence
            #expect(watchdog.check(at: now) == .stale(silence: allowed.last ?? .zero))
        }
        #expect(allowed == [10, 20, 40, 80, 160, 320, 320, 320].map { Duration.seconds($0) })
        #expect(watchdog.consecutiveStale == 8)
        // Data again: back to one window.
        watchdog.arm(at: now)
        watchdog.recordEvent(at: now + .seconds(1))
        #expect(watchdog.consecutiveStale == 0 && watchdog.allowedSilence == .seconds(10))
        #expect(watchdog.check(at: now + .seconds(11)) == .stale(silence: .seconds(10)))
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
