import Metrics
import NIOConcurrencyHelpers

/// The swift-metrics instruments of a ``MarketHub`` or ``UserHub`` (`projectx_hub_*`, dimension
/// `hub`: `market` or `user`), made once when the hub is created.
///
/// **Cost.** Every per-event instrument is looked up in the factory once, here: delivering an
/// event calls `increment()` on an object already held (and the broadcaster one `increment(by:)`
/// per event for all its consumers), so the hot path takes no lock and allocates nothing for
/// metrics. Without a bootstrapped backend each call is a no-op handler's empty method. Only the
/// reconnect counter, whose `cause` is known when a reconnect happens, is looked up then, and it
/// is kept per cause so each lookup happens once.
final class HubMetrics: Sendable {
    /// `projectx_hub_connected`: 1 while the hub is connected (live or degraded), else 0.
    let connected: Gauge
    /// `projectx_hub_connects_total`: connections established (first connect and reconnects).
    let connects: Counter
    /// `projectx_hub_gaps_total`: gaps reported (data may have been missed).
    let gaps: Counter
    /// `projectx_hub_events_received_total`: events read from the current connection.
    let eventsReceived: Counter
    /// `projectx_hub_events_malformed_total`: events (or batch items) that could not be read.
    let eventsMalformed: Counter
    /// `projectx_hub_events_delivered_total`: events handed to consumers (one per consumer).
    let eventsDelivered: Counter
    /// `projectx_hub_events_dropped_total`: events a slow consumer lost to its buffer's overflow.
    let eventsDropped: Counter

    private let hub: String
    private let factory: any MetricsFactory
    private let reconnects = NIOLockedValueBox<[String: Counter]>([:])

    /// - Parameters:
    ///   - hub: the `hub` dimension (`market`, `user`).
    ///   - factory: where the metrics go; `nil` for the process-wide `MetricsSystem.factory`.
    init(hub: String, factory: (any MetricsFactory)?) {
        let factory = factory ?? MetricsSystem.factory
        let dimensions = [("hub", hub)]
        self.hub = hub
        self.factory = factory
        connected = Gauge(label: "projectx_hub_connected", dimensions: dimensions, factory: factory)
        connects = Counter(label: "projectx_hub_connects_total", dimensions: dimensions, factory: factory)
        gaps = Counter(label: "projectx_hub_gaps_total", dimensions: dimensions, factory: factory)
        eventsReceived = Counter(label: "projectx_hub_events_received_total", dimensions: dimensions, factory: factory)
        eventsMalformed = Counter(label: "projectx_hub_events_malformed_total", dimensions: dimensions, factory: factory)
        eventsDelivered = Counter(label: "projectx_hub_events_delivered_total", dimensions: dimensions, factory: factory)
        eventsDropped = Counter(label: "projectx_hub_events_dropped_total", dimensions: dimensions, factory: factory)
    }

    /// Counts a reconnect attempt (`projectx_hub_reconnects_total`) by its cause, a
    /// ``HubError/Code`` such as `connectionLost` or `staleFeed`.
    func reconnect(cause: HubError.Code) {
        let cause = cause.description
        let counter = reconnects.withLockedValue { counters in
            if let counter = counters[cause] { return counter }
            let counter = Counter(label: "projectx_hub_reconnects_total", dimensions: [("hub", hub), ("cause", cause)], factory: factory)
            counters[cause] = counter
            return counter
        }
        counter.increment()
    }
}
