import SignalRServer

/// Applies the standing framing fault (``FaultInjector/frameMode``) to a hub connection. The hub
/// layer reads the switch before each of its sends and changes the connection's framing only
/// when the switch moved, so Completions and Pings follow the same framing.
///
/// | ``HubFrameMode`` | `HubFraming` | on the wire |
/// |---|---|---|
/// | `.normal` | `.normal` | one message per text frame |
/// | `.split(n)` | `.split(maxFrameBytes: n)` | a message cut into complete text frames of ≤ n bytes (the record separator ends the last) |
/// | `.fragment(n)` | `.fragment(maxFrameBytes: n)` | one WebSocket message in a text frame and continuation frames of ≤ n bytes |
/// | `.batch(k)` | `.batch(maxMessages: k)` | up to k messages per text frame (waiting ≤ 20 ms for companions) |
///
/// ```swift
/// var framing = FramingSwitch(faults: core.faults)
/// framing.apply(to: connection)   // before each send
/// connection.send(message)
/// ```
struct FramingSwitch: Sendable {
    let faults: FaultInjector
    private var applied: HubFrameMode?

    init(faults: FaultInjector) {
        self.faults = faults
    }

    /// Sets the connection's framing to the current switch, if it changed since the last call.
    mutating func apply(to connection: HubConnectionContext) {
        let mode = faults.frameMode
        guard mode != applied else { return }
        applied = mode
        connection.setFraming(Self.framing(for: mode))
    }

    /// Sets the connection's framing to the current switch unconditionally (on connect, before a
    /// hub method's Completion, before `GatewayLogout`).
    static func sync(_ connection: HubConnectionContext, faults: FaultInjector) {
        connection.setFraming(framing(for: faults.frameMode))
    }

    /// The SignalRServer framing of a fault mode.
    static func framing(for mode: HubFrameMode) -> HubFraming {
        switch mode {
        case .normal: .normal
        case .split(let bytes): .split(maxFrameBytes: max(1, bytes))
        case .fragment(let bytes): .fragment(maxFrameBytes: max(1, bytes))
        case .batch(let count): .batch(maxMessages: max(2, count))
        }
    }
}
