import Foundation
import Gateway
import GatewaySimulator
import Metrics
import Prometheus
import Testing
import TestGate

/// The hubs' and the REST client's metrics, read back in the Prometheus text format from a
/// registry each test owns (given as the metrics factory, so nothing is bootstrapped and tests
/// running at the same time do not mix their counts), against the simulator over loopback.
@Suite("Hub metrics", .gated)
struct HubMetricsTests {
    private func fastMarket(_ configuration: inout SimulatorConfiguration) {
        configuration.market = MarketFeedConfiguration(seed: 7, tickInterval: .milliseconds(20), updatesPerContractPerTick: 1)
    }

    @Test func marketHubCountsConnectsEventsReconnectsAndGaps() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let registry = PrometheusCollectorRegistry()
        let client = fixture.client { $0.metricsFactory = PrometheusMetricsFactory(registry: registry) }
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        #expect(await log.wait { $0.isQuote(es.id) })

        var metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_hub_connected", ["hub": "market"]) == 1, "\(metrics.text)")
        #expect(metrics.value("projectx_hub_connects_total", ["hub": "market"]) == 1)
        #expect(metrics.value("signalr_connects_total", ["hub": "market"]) == 1)
        #expect(metrics.value("projectx_token_refreshes_total") == 1, "one login")
        #expect((metrics.value("signalr_invocation_duration_seconds_count", ["hub": "market"]) ?? 0) >= 1, "the subscribe")
        #expect((metrics.value("signalr_messages_received_total", ["hub": "market"]) ?? 0) >= 1)
        // Events in and out agree with the hub's own counts (one consumer: each event once).
        let received = try #require(metrics.value("projectx_hub_events_received_total", ["hub": "market"]))
        #expect(received >= 1)
        #expect(received <= Double(market.statistics.events))

        // A requested reconnect: counted by its cause, with the gap it reports.
        await market.reconnect(reason: "test")
        #expect(await eventually { PrometheusText(registry).value("projectx_hub_connects_total", ["hub": "market"]) == 2 })
        #expect(await eventually { market.status.isLive })
        metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_hub_reconnects_total", ["hub": "market", "cause": "reconnectRequested"]) == 1, "\(metrics.text)")
        #expect(metrics.value("projectx_hub_gaps_total", ["hub": "market"]) == 1)
        #expect(metrics.value("projectx_hub_connected", ["hub": "market"]) == 1)

        await market.stop()
        metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_hub_connected", ["hub": "market"]) == 0)
        let delivered = try #require(metrics.value("projectx_hub_events_delivered_total", ["hub": "market"]))
        let totalReceived = try #require(metrics.value("projectx_hub_events_received_total", ["hub": "market"]))
        #expect(totalReceived == Double(market.statistics.events))
        // Delivered also counts the hub's own reports (live, gap); nothing was dropped.
        #expect(delivered >= totalReceived)
        #expect(metrics.value("projectx_hub_events_dropped_total", ["hub": "market"]) == 0)
    }

    @Test func droppedEventsOfASlowConsumerAreCounted() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let registry = PrometheusCollectorRegistry()
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        var options = FastHubs.market()
        options.hub.eventBufferSize = 2
        options.hub.metricsFactory = PrometheusMetricsFactory(registry: registry)
        let market = MarketHub(client: client, options: options)
        // A consumer that never reads: its buffer of 2 overflows as events arrive.
        let unread = market.events()
        try await market.start()
        try await market.subscribeAll(es.id)
        #expect(await eventually { market.droppedEvents >= 5 })
        await market.stop()
        let metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_hub_events_dropped_total", ["hub": "market"]) == Double(market.droppedEvents), "\(metrics.text)")
        // The client's own metrics went elsewhere (the process-wide factory): not in this registry.
        #expect(metrics.value("projectx_token_refreshes_total") == nil)
        _ = unread
    }

    @Test func unauthorizedAndRateLimitedRESTAnswersAreCounted() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let registry = PrometheusCollectorRegistry()
        let client = fixture.client { $0.metricsFactory = PrometheusMetricsFactory(registry: registry) }
        _ = try await client.accounts()
        // The gateway forgets every token: the next call is refused once, then succeeds after a refresh.
        await fixture.simulator.faults.revokeAllTokens()
        _ = try await client.accounts()
        var metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_rest_unauthorized_total") == 1, "\(metrics.text)")
        #expect(metrics.value("projectx_token_rejections_total") == 1)
        #expect(metrics.value("projectx_token_refreshes_total") == 2)
        #expect(metrics.value("projectx_rest_rate_limited_total") == 0)
        // One 429 (a read waits out its Retry-After and succeeds).
        fixture.simulator.faults.injectRateLimitBurst(requests: 1, duration: nil)
        _ = try await client.accounts()
        metrics = PrometheusText(registry)
        #expect(metrics.value("projectx_rest_rate_limited_total") == 1, "\(metrics.text)")
    }
}
