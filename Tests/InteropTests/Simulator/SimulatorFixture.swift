import Foundation
import GatewaySimulator

/// The gateway simulator in-process on a free loopback port with a lively market (a step every
/// 25 ms), for the independent Python clients.
struct InteropSimulator: Sendable {
    let simulator: GatewaySimulator
    let root: String
    /// The E-mini S&P 500 front month of the simulated date.
    let contractId: String

    static func start() async throws -> InteropSimulator {
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.logLevel = .warning
        configuration.market = MarketFeedConfiguration(seed: 11, tickInterval: .milliseconds(25), updatesPerContractPerTick: 1)
        let simulator = GatewaySimulator(configuration: configuration)
        let port = try await simulator.start()
        guard let es = simulator.core.catalog.activeContracts.first(where: { $0.symbolId == "F.US.EP" }) else {
            await simulator.stop()
            throw SimulatorScript.SetupFailure(description: "the simulator lists no E-mini S&P 500 contract")
        }
        return InteropSimulator(simulator: simulator, root: "http://127.0.0.1:\(port)", contractId: es.id)
    }

    /// Runs `body` with a fresh simulator and always stops it.
    static func with(_ body: (InteropSimulator) async throws -> Void) async throws {
        // The Python environment first (a minute of pip on a fresh clone), so that the simulator's
        // life, and the scripts' timeouts, cover only the test itself.
        _ = try await PythonEnvironment.python()
        let running = try await start()
        do {
            try await body(running)
        } catch {
            await running.simulator.stop()
            throw error
        }
        await running.simulator.stop()
    }

    /// The common script arguments.
    func arguments(mode: String, token: String? = nil) -> [String] {
        var arguments = ["--base", root, "--contract", contractId, "--mode", mode, "--timeout", "20"]
        if let token { arguments += ["--token", token] }
        return arguments
    }
}
