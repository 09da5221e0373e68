import Hummingbird
import Logging

/// Runs hubs on their own Hummingbird application, for tests and small tools.
///
/// ```swift
/// let hub = HubServer(name: "test")
/// hub.on("Echo") { call in call.arguments.first }
/// try await StandaloneHubHost.withRunning(["/hub": hub]) { port in
///     // connect to ws://127.0.0.1:\(port)/hub
/// }
/// ```
public enum StandaloneHubHost {
    /// The server stopped before it reported its port.
    public struct ServerDidNotStart: Error {}

    /// A logger for the HTTP server that reports only critical messages.
    public static var quietLogger: Logger {
        var logger = Logger(label: "SignalRServer.Host")
        logger.logLevel = .critical
        return logger
    }

    /// Starts a server with `hubs` (path to hub) on `host`:`port` (`0` picks a free port), runs
    /// `body` with the bound port, then shuts the server down by cancelling it.
    ///
    /// - Parameters:
    ///   - hubs: the hubs to serve, by path (`"/hubs/chat"`).
    ///   - host: the address to bind.
    ///   - port: the port to bind; `0` picks a free one.
    ///   - logger: the HTTP server's logger (hubs log to their own). It defaults to critical
    ///     messages only, because Hummingbird logs the cancellation that ends the server as errors.
    ///   - body: runs with the bound port; the server stops when it returns.
    public static func withRunning<Result: Sendable>(
        _ hubs: [String: HubServer],
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger = Self.quietLogger,
        _ body: @escaping @Sendable (_ port: Int) async throws -> Result
    ) async throws -> Result {
        let router = Router()
        let upgrades = HubUpgradeRouter()
        for (path, hub) in hubs {
            hub.mount(at: path, on: router, upgrades: upgrades)
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let connections = ServerConnections()
        let app = Application(
            router: router,
            server: .http1WithHubs(upgrades, connections: connections),
            configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? port)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            group.addTask {
                var iterator = ports.makeAsyncIterator()
                guard let boundPort = await iterator.next() else { throw ServerDidNotStart() }
                return try await body(boundPort)
            }
            defer {
                // Cancelling stops the server, which then waits for its connections: the ones
                // that do not end within the grace period are closed.
                connections.closeAll(after: .seconds(2))
                group.cancelAll()
            }
            while let result = try await group.next() {
                if let result { return result }
                throw ServerDidNotStart()
            }
            throw ServerDidNotStart()
        }
    }
}
