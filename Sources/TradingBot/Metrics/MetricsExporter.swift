import Foundation
import Hummingbird
import Logging
import Metrics
import NIOConcurrencyHelpers
import NIOCore
import Prometheus
import ServiceLifecycle

/// Serves the process's metrics (`projectx_*`, `signalr_*`) in the Prometheus text format at
/// `GET /metrics`, for `--metrics-port`.
///
/// Starting it bootstraps swift-prometheus' registry as the process's swift-metrics backend,
/// which swift-metrics allows once per process; a second start is refused with an error. Start it
/// before the gateway client and the hubs are made: they take the backend in force when they are
/// created.
///
/// ```swift
/// let exporter = try await MetricsExporter.start(host: "127.0.0.1", port: 0, output: output)
/// // curl http://127.0.0.1:\(exporter.port)/metrics
/// await exporter.stop()
/// ```
final class MetricsExporter: Sendable {
    /// The bound port.
    let port: Int
    let host: String
    private let group: ServiceGroup
    private let serving: Task<Void, Never>

    private static let bootstrapped = NIOLockedValueBox(false)

    private init(port: Int, host: String, group: ServiceGroup, serving: Task<Void, Never>) {
        self.port = port
        self.host = host
        self.group = group
        self.serving = serving
    }

    /// The Prometheus content type of the text format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Bootstraps the backend, listens on `host`:`port` and notes the address on stderr.
    ///
    /// - Throws: a ``CLIError`` when metrics were already set up in this process or the address
    ///   cannot be bound.
    static func start(host: String, port: Int, output: Output) async throws -> MetricsExporter {
        let first = bootstrapped.withLockedValue { done in
            defer { done = true }
            return !done
        }
        guard first else {
            throw CLIError("Metrics are already served by this process; --metrics-port can be given once, when the program starts.", status: .usage)
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let router = Router()
        router.get("metrics") { _, _ -> Response in
            var bytes: [UInt8] = []
            registry.emit(into: &bytes)
            return Response(
                status: .ok,
                headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
            )
        }
        // The server's own log would interleave with the command's output; failures are reported below.
        var logger = Logger(label: "trading-bot.metrics")
        logger.logLevel = .critical
        let (started, startedContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "trading-bot-metrics"),
            onServerRunning: { channel in startedContinuation.yield(.success(channel.localAddress?.port ?? port)) },
            logger: logger
        )
        // In a ServiceGroup of its own so that stop() can ask for a graceful shutdown, which the
        // server honours (it closes its listener and idle connections).
        let group = ServiceGroup(services: [application], logger: logger)
        let serving = Task {
            do {
                try await group.run()
            } catch {
                startedContinuation.yield(.failure(error))
            }
            startedContinuation.finish()
        }
        var iterator = started.makeAsyncIterator()
        let bound: Int
        switch await iterator.next() {
        case .success(let port)?:
            bound = port
        case .failure(let error)?:
            throw CLIError("Could not serve metrics on \(host):\(port) (\(error)); choose another --metrics-port, or 0 for a free one.", status: .unavailable)
        case nil:
            throw CLIError("Could not serve metrics on \(host):\(port): the server stopped before it listened; choose another --metrics-port, or 0 for a free one.", status: .unavailable)
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        output.note("Serving metrics at http://\(shown):\(bound)/metrics")
        return MetricsExporter(port: bound, host: host, group: group, serving: serving)
    }

    /// Stops serving: a graceful shutdown, then, if a scrape still holds it after two seconds,
    /// cancellation; returns when the server ended or two more seconds passed (the process is
    /// about to exit: a stuck scraper must not keep it alive).
    func stop() async {
        await group.triggerGracefulShutdown()
        if await Self.wait(for: serving, atMost: .seconds(2)) { return }
        serving.cancel()
        _ = await Self.wait(for: serving, atMost: .seconds(2))
    }

    /// Whether `task` ended within `limit`. Awaiting a task's value ignores cancellation, so the
    /// wait is raced against a timer outside any task group (which would wait for both).
    private static func wait(for task: Task<Void, Never>, atMost limit: Duration) async -> Bool {
        let (ended, continuation) = AsyncStream<Bool>.makeStream(bufferingPolicy: .bufferingOldest(1))
        let waiter = Task {
            await task.value
            continuation.yield(true)
        }
        let timer = Task {
            try? await Task.sleep(for: limit)
            continuation.yield(false)
        }
        var iterator = ended.makeAsyncIterator()
        let result = await iterator.next() ?? false
        waiter.cancel()
        timer.cancel()
        continuation.finish()
        return result
    }
}
