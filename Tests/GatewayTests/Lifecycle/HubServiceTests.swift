import Foundation
import Gateway
import GatewaySimulator
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import ServiceLifecycle
import Testing
import TestGate

/// The hubs and the simulator as swift-service-lifecycle services in one `ServiceGroup`: a
/// graceful shutdown (or a cancellation) stops all of them cleanly, over loopback.
@Suite("Hubs and simulator in a ServiceGroup", .gated)
struct HubServiceTests {
    /// Runs `group` in a task; `finished` turns true when its `run()` returns, with its error.
    private final class GroupRun: Sendable {
        let task: Task<Void, Never>
        private let outcome = NIOLockedValueBox<Result<Void, any Error>?>(nil)

        init(_ group: ServiceGroup) {
            let outcome = self.outcome
            task = Task {
                do {
                    try await group.run()
                    outcome.withLockedValue { $0 = .success(()) }
                } catch {
                    outcome.withLockedValue { $0 = .failure(error) }
                }
            }
        }

        var result: Result<Void, any Error>? { outcome.withLockedValue { $0 } }
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port`.
    private static func accepts(port: Int) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .connect(host: "127.0.0.1", port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    private static func logger() -> Logger {
        var logger = Logger(label: "test.service-group")
        logger.logLevel = .warning
        return logger
    }

    @Test func gracefulShutdownStopsTheHubAndTheSimulator() async throws {
        let fixture = try await SimulatorFixture.start()
        let client = fixture.client()
        let market = MarketHub(client: client, options: FastHubs.market())
        let user = UserHub(client: client, options: FastHubs.hub)
        // The simulator is already started (its port is in the hubs' URLs); run() keeps it serving.
        let group = ServiceGroup(services: [fixture.simulator, market, user], logger: Self.logger())
        let run = GroupRun(group)
        #expect(await eventually(seconds: 30) { market.status.isLive && user.status.isLive })
        #expect(await Self.accepts(port: fixture.port))

        await group.triggerGracefulShutdown()
        #expect(await eventually(seconds: 30) { run.result != nil }, "the group did not end")
        if case .failure(let error) = run.result { Issue.record("the group failed: \(error)") }
        #expect(market.status == .stopped(error: nil))
        #expect(user.status == .stopped(error: nil))
        #expect(await fixture.simulator.port == nil)
        #expect(await Self.accepts(port: fixture.port) == false, "the simulator's port still accepts connections")
    }

    @Test func cancellingTheGroupStopsTheHubAndTheSimulator() async throws {
        let fixture = try await SimulatorFixture.start()
        let market = MarketHub(client: fixture.client(), options: FastHubs.market())
        let group = ServiceGroup(services: [fixture.simulator, market], logger: Self.logger())
        let run = GroupRun(group)
        #expect(await eventually(seconds: 30) { market.status.isLive })

        run.task.cancel()
        #expect(await eventually(seconds: 30) { run.result != nil }, "the group did not end")
        #expect(market.status == .stopped(error: nil))
        #expect(await fixture.simulator.port == nil)
        #expect(await Self.accepts(port: fixture.port) == false, "the simulator's port still accepts connections")
    }

    @Test func aHubThatCannotConnectFailsTheGroup() async throws {
        let fixture = try await SimulatorFixture.start()
        let port = fixture.port
        await fixture.stop()
        // Nothing listens any more: the hub's first connection fails, which ends its run with the error.
        var options = FastHubs.market()
        options.hub.handshakeTimeout = .seconds(5)
        let market = MarketHub(client: fixture.client(), options: options)
        let group = ServiceGroup(services: [market], logger: Self.logger())
        let run = GroupRun(group)
        #expect(await eventually(seconds: 30) { run.result != nil }, "the group did not end")
        guard case .failure(let error) = run.result else {
            Issue.record("expected the group to fail, got \(String(describing: run.result))")
            return
        }
        #expect(error is HubError, "\(error)")
        #expect(await Self.accepts(port: port) == false)
        if case .stopped = market.status {} else { Issue.record("expected stopped, got \(market.status)") }
    }
}
