import Foundation
import Gateway
import GatewaySimulator

/// A simulator on a free loopback port, and a gateway configuration pointing at it.
struct SimulatorFixture {
    let simulator: GatewaySimulator
    let port: Int
    let configuration: GatewayConfiguration

    static func start(
        hubs: (any SimulatorHubHosting)? = nil,
        credentials: Credentials = Credentials(userName: SimulatedUser.defaultUserName, apiKey: SimulatedUser.defaultApiKey),
        _ configure: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> SimulatorFixture {
        var configuration = SimulatorConfiguration()
        configuration.port = 0
        configuration.logLevel = .warning
        configure(&configuration)
        let simulator = GatewaySimulator(configuration: configuration, hubs: hubs)
        let port = try await simulator.start()
        // safe: built from a loopback address and a bound port.
        let root = URL(string: "http://127.0.0.1:\(port)")!
        var gateway = GatewayConfiguration(apiURL: root, realtimeURL: root, credentials: credentials)
        gateway.requestTimeout = .seconds(10)
        return SimulatorFixture(simulator: simulator, port: port, configuration: gateway)
    }

    func client(_ adjust: (inout GatewayConfiguration) -> Void = { _ in }) -> GatewayClient {
        var configuration = self.configuration
        adjust(&configuration)
        return GatewayClient(configuration: configuration)
    }

    func stop() async {
        await simulator.stop()
    }
}
