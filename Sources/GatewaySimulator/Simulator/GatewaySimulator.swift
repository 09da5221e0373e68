import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Errors of the simulator's lifecycle.
public enum GatewaySimulatorError: Error, Sendable {
    /// The server stopped before it was bound (for example: the port is in use).
    case stoppedBeforeStart
    /// `start()` was called while a start is in progress.
    case alreadyStarting
}

/// A faithful local ProjectX gateway: REST under `/api`, the admin endpoint under `/admin`, and
/// the SignalR hubs `/hubs/market` and `/hubs/user` (``SimulatorHubs``), all on one root URL.
///
/// ```swift
/// let simulator = GatewaySimulator(configuration: config)
/// let port = try await simulator.start()      // port 0 in the configuration picks a free one
/// // REST: http://127.0.0.1:\(port)/api/...   hubs: http://127.0.0.1:\(port)/hubs/{user|market}
/// await simulator.stop()
/// ```
/// or `try await simulator.run()` to serve until the task is cancelled or, in a `ServiceGroup`,
/// a graceful shutdown.
public actor GatewaySimulator: Service {
    /// The simulator's parts (tokens, catalog, feed, exchange, bars, faults).
    public nonisolated let core: SimulatorCore
    private let hubs: any SimulatorHubHosting
    private var runTask: Task<Void, Never>?
    /// The stop in progress, which a concurrent ``stop()`` waits for too.
    private var stopping: Task<Void, Never>?
    private var starting = false
    /// The bound port while running.
    public private(set) var port: Int?

    /// Builds a simulator. Nothing listens until ``start()`` or ``run()``.
    ///
    /// - Parameters:
    ///   - configuration: port, seed, market, token lifetime and rate limits.
    ///   - hubs: the hub layer; `nil` (the default) serves both hubs with ``SimulatorHubs`` and
    ///     its default timings. Pass a ``SimulatorHubs`` of your own to change its timings or to
    ///     reach its hub servers, or another ``SimulatorHubHosting``.
    ///   - logger: where the simulator logs; `nil` for one at the configuration's level.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), hubs: (any SimulatorHubHosting)? = nil, logger: Logger? = nil) {
        self.core = SimulatorCore(configuration: configuration, logger: logger)
        self.hubs = hubs ?? SimulatorHubs()
    }

    /// The configuration in force.
    public nonisolated var configuration: SimulatorConfiguration { core.configuration }
    /// Fault switches.
    public nonisolated var faults: FaultInjector { core.faults }

    /// The router with every REST, admin and hub route.
    public nonisolated func makeRouter() -> Router<SimulatorRequestContext> {
        let router = Router(context: SimulatorRequestContext.self, options: .caseInsensitive)
        GatewayAPI<SimulatorRequestContext>(core: core).register(on: router)
        AdminAPI<SimulatorRequestContext>(core: core).register(on: router)
        hubs.addRoutes(to: router, core: core)
        return router
    }

    /// Starts serving in the background and returns the bound port. Idempotent while running.
    public func start() async throws -> Int {
        if let port { return port }
        guard !starting else { throw GatewaySimulatorError.alreadyStarting }
        starting = true
        defer { starting = false }
        let signal = StartupSignal()
        let application = makeApplication(port: core.configuration.port) { port in signal.succeed(port) }
        let core = core
        let hubs = hubs
        runTask = Task {
            do {
                try await GatewaySimulator.serve(application, core: core, hubs: hubs)
                signal.fail(GatewaySimulatorError.stoppedBeforeStart)
            } catch {
                core.logger.error("simulator stopped: \(error)")
                signal.fail(error)
            }
        }
        do {
            let bound = try await signal.wait()
            port = bound
            core.logger.info("gateway simulator listening on http://\(core.configuration.host):\(bound)")
            return bound
        } catch {
            runTask = nil
            throw error
        }
    }

    /// Stops serving and waits until the server has shut down (also when another stop is
    /// already under way).
    public func stop() async {
        if let stopping {
            await stopping.value
            return
        }
        guard let task = runTask else { return }
        runTask = nil
        task.cancel()
        // The server waits for its connections to close; those still open after a grace period
        // (one that never sent a request is never read again) are closed, so a stop always ends.
        let closer = hubs.connections(core: core)?.closeAll(after: .seconds(2))
        let stopping = Task {
            await task.value
            closer?.cancel()
        }
        self.stopping = stopping
        await stopping.value
        self.stopping = nil
        port = nil
    }

    /// Serves until the task is cancelled or, in a swift-service-lifecycle `ServiceGroup`, a
    /// graceful shutdown is triggered; then stops as ``stop()`` does. Throws when the server
    /// cannot start (see ``start()``). The simulator is a `Service`:
    ///
    /// ```swift
    /// let group = ServiceGroup(services: [simulator, market], gracefulShutdownSignals: [.sigterm], logger: logger)
    /// try await group.run()
    /// ```
    public func run() async throws {
        _ = try await start()
        guard let serving = runTask else { return }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await serving.value
            } onCancel: {
                Task { await self.stop() }
            }
        } onGracefulShutdown: {
            Task { await self.stop() }
        }
        await stop()
    }

    /// One market step (feed moves and publishes, exchange matches).
    public nonisolated func advanceMarket(steps: Int = 1) async {
        await core.advanceMarket(steps: steps)
    }

    /// Moves a contract's market to `price` at once; see ``MarketFeed/move(contractId:to:)``.
    @discardableResult
    public nonisolated func setMarketPrice(contractId: String, price: Decimal) async -> Bool {
        await core.setMarketPrice(contractId: contractId, price: price)
    }

    // MARK: Internals

    private func makeApplication(
        port: Int, onRunning: @escaping @Sendable (Int) -> Void
    ) -> Application<RouterResponder<SimulatorRequestContext>> {
        let server = hubs.serverBuilder(core: core)
        // Stopping cancels the server, which Hummingbird reports at error level for every
        // open keep-alive connection; its own log is therefore limited to critical. The
        // simulator's log (core.logger) is unaffected.
        var serverLogger = core.logger
        serverLogger.logLevel = max(core.logger.logLevel, .critical)
        return Application(
            router: makeRouter(),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(core.configuration.host, port: port), serverName: "ProjectX-Gateway-Simulator"
            ),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
            logger: serverLogger
        )
    }

    private enum Part { case server, background }

    /// Runs the HTTP server, the market loop and the hub layer's background work; returns or
    /// throws when the server ends, cancelling the rest.
    private static func serve(
        _ application: Application<RouterResponder<SimulatorRequestContext>>, core: SimulatorCore,
        hubs: any SimulatorHubHosting
    ) async throws {
        try await withThrowingTaskGroup(of: Part.self) { group in
            group.addTask {
                try await application.run()
                return .server
            }
            if core.configuration.runsMarketLoop {
                group.addTask {
                    await MarketDriver(core: core).run()
                    return .background
                }
            }
            group.addTask {
                await hubs.run(core: core)
                return .background
            }
            while let part = try await group.next() {
                if part == .server { break }
            }
            group.cancelAll()
        }
    }
}
