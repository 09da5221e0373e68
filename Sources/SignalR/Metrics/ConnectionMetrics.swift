import Metrics

/// The swift-metrics instruments of one ``HubConnection``, made once when the connection is
/// created, with the dimension `hub` (the hub URL's last path segment, such as `market`).
///
/// **Cost.** The instruments are looked up in the factory once, here; the receive loop only calls
/// `increment(by:)` on objects it already holds, once per WebSocket frame (not per message), and
/// takes no lock and allocates nothing for it. Without a bootstrapped backend each call is a
/// no-op handler's empty method; with one it is that backend's own cost (an atomic add for
/// swift-prometheus).
struct ConnectionMetrics: Sendable {
    /// `signalr_connects_total`: handshakes completed.
    let connects: Counter
    /// `signalr_unauthorized_total`: connect attempts refused with HTTP 401/403 (negotiate or upgrade).
    let unauthorized: Counter
    /// `signalr_frames_received_total`: WebSocket text frames read.
    let framesReceived: Counter
    /// `signalr_messages_received_total`: hub messages read (a frame may carry several).
    let messagesReceived: Counter
    /// `signalr_invocation_duration_seconds`: time from sending an invocation to its completion.
    let invocationDuration: Timer

    init(hub: String, factory: any MetricsFactory) {
        let dimensions = [("hub", hub)]
        connects = Counter(label: "signalr_connects_total", dimensions: dimensions, factory: factory)
        unauthorized = Counter(label: "signalr_unauthorized_total", dimensions: dimensions, factory: factory)
        framesReceived = Counter(label: "signalr_frames_received_total", dimensions: dimensions, factory: factory)
        messagesReceived = Counter(label: "signalr_messages_received_total", dimensions: dimensions, factory: factory)
        invocationDuration = Timer(label: "signalr_invocation_duration_seconds", dimensions: dimensions, factory: factory)
    }

    /// The `hub` dimension for a hub URL path: its last segment (`/hubs/market` → `market`), or
    /// `/` for the root.
    static func hubName(path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        return last.isEmpty ? "/" : last
    }
}
