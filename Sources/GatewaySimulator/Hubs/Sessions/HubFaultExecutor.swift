import Logging
import SignalRServer

/// Carries out the one-shot hub faults of ``FaultInjector/hubCommands()`` on the hubs' live
/// connections.
///
/// - ``HubFaultCommand/dropConnections(_:)``: the TCP connections are dropped at once, without a
///   Close message or a WebSocket close frame (the client sees the socket end).
/// - ``HubFaultCommand/close(_:allowReconnect:error:)``: `{"type":7}` with `"allowReconnect":true`
///   and `"error"` when given, then a close frame; the socket is dropped if the client does not
///   answer the close within the close timeout.
///
/// ```swift
/// let executor = HubFaultExecutor(hubs: [("/hubs/market", market.server)], logger: logger)
/// for await command in core.faults.hubCommands() { executor.perform(command) }
/// ```
struct HubFaultExecutor: Sendable {
    /// Each hub with the path it is served at (the selector matches on the path).
    let hubs: [(path: String, server: HubServer)]
    let logger: Logger

    func perform(_ command: HubFaultCommand) {
        switch command {
        case .dropConnections(let selector):
            for hub in hubs where selector.matches(hubPath: hub.path) {
                let count = hub.server.connectionCount
                hub.server.abortAll()
                logger.info("Fault: dropped \(count) connection(s) of \(hub.path) without a close frame")
            }
        case .close(let selector, let allowReconnect, let error):
            for hub in hubs where selector.matches(hubPath: hub.path) {
                let count = hub.server.connectionCount
                hub.server.closeAll(error: error, allowReconnect: allowReconnect)
                logger.info("Fault: closed \(count) connection(s) of \(hub.path) (allowReconnect: \(allowReconnect))")
            }
        }
    }
}
