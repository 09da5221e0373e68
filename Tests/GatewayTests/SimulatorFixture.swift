import Foundation
@testable import Gateway
import NIOConcurrencyHelpers
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

    /// A token manager for this simulator whose clock the test controls.
    func tokenManager(now: @escaping @Sendable () -> Date) -> TokenManager {
        let http = GatewayHTTP(client: GatewayClient.defaultHTTPClient, apiURL: configuration.apiURL, timeout: .seconds(10))
        return TokenManager(source: GatewayAuthenticator(http: http, credentials: configuration.credentials), now: now)
    }

    func stop() async {
        await simulator.stop()
    }
}

/// A wall clock that moves only when told to.
final class ManualTime: Sendable {
    private let current = NIOLockedValueBox(Date())

    var now: @Sendable () -> Date { { [current = self] in current.read() } }

    func read() -> Date { current.withLockedValue { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }
}
