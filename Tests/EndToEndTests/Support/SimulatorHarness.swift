import Foundation
import GatewaySimulator
import Logging

/// An in-process gateway simulator for one test, and the environment that points a
/// `trading-bot` child process at it.
///
/// The market loop is off, so prices only move when a test moves them: results are
/// deterministic. Each test gets its own simulator (free port), so tests run in parallel.
///
/// ```swift
/// try await SimulatorHarness.with { sim in
///     let result = try await sim.run("accounts", "--json")
///     #expect(result.status == 0)
/// }
/// ```
struct SimulatorHarness: Sendable {
    let simulator: GatewaySimulator
    let port: Int
    /// A private HOME / XDG_CONFIG_HOME for the child process.
    let home: URL

    var apiURL: String { "http://127.0.0.1:\(port)" }

    /// The practice account (simulated, Auto OCO brackets).
    static let practice = (id: 8_101_001, name: "PRAC-V2-51342-73810925")
    /// The combine account with Position Brackets (bracket orders are rejected).
    static let combine = (id: 8_101_002, name: "50KTC-V2-51342-19084532")
    /// The follower account (cannot cancel orders).
    static let follower = (id: 8_101_003, name: "EXPRESS-V2-51342-66120487")
    /// The breached, inactive account.
    static let breached = (id: 8_101_004, name: "150KTC-V2-51342-30457718")
    /// The live account (not simulated).
    static let live = (id: 8_101_005, name: "LIVE-51342-90011273")

    /// The environment of a child process: this simulator, the default credentials, a private
    /// home without a config file.
    var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "PROJECTX_API_URL": apiURL,
            "PROJECTX_USERNAME": SimulatedUser.defaultUserName,
            "PROJECTX_API_KEY": SimulatedUser.defaultApiKey,
        ]
    }

    /// The active contract of a product root (`MES`), as the simulator lists it.
    func contractId(_ root: String) throws -> String {
        guard let contract = simulator.core.catalog.activeContracts.first(where: { $0.product.root == root }) else {
            throw HarnessError("the simulator lists no active \(root) contract")
        }
        return contract.id
    }

    /// Runs `trading-bot` against this simulator; `environment` entries override (an empty value
    /// removes the variable).
    func run(_ arguments: String..., environment overrides: [String: String] = [:], stdin: String? = nil) async throws -> CommandResult {
        try await run(arguments, environment: overrides, stdin: stdin)
    }

    /// Runs `trading-bot` with `arguments` given as an array.
    func run(_ arguments: [String], environment overrides: [String: String] = [:], stdin: String? = nil) async throws -> CommandResult {
        var environment = environment
        for (key, value) in overrides { environment[key] = value.isEmpty ? nil : value }
        return try await ProcessRunner.run(arguments, environment: environment, stdin: stdin)
    }

    /// Writes the config file the child process reads by default.
    func writeConfig(_ json: String) throws {
        let directory = home.appendingPathComponent("config/trading-bot")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("config.json")
        try Data(json.utf8).write(to: file)
        // Owner-only, as a config file holding an API key must be.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    /// Starts a simulator, runs `body`, and stops it whatever happens.
    static func with<T: Sendable>(
        _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        var configuration = SimulatorConfiguration()
        configuration.runsMarketLoop = false
        configuration.logLevel = .critical
        configure(&configuration)
        var logger = Logger(label: "test-simulator")
        logger.logLevel = .critical
        let simulator = GatewaySimulator(configuration: configuration, logger: logger)
        let port = try await simulator.start()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("tb-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let harness = SimulatorHarness(simulator: simulator, port: port, home: home)
        do {
            let result = try await body(harness)
            await simulator.stop()
            try? FileManager.default.removeItem(at: home)
            return result
        } catch {
            await simulator.stop()
            try? FileManager.default.removeItem(at: home)
            throw error
        }
    }
}
