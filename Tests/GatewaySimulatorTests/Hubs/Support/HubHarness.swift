import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import RawHubClient

/// A second user, to test that one user cannot subscribe to another's accounts.
let otherUser = SimulatedUser(userName: "othertrader", apiKey: "other-api-key", accounts: AccountSeed.defaultSet(firstId: 9_101_001))
let otherUsersAccount = 9_101_001

/// A simulator with hubs on a free loopback port (manual clock at ``testEpoch``, market moved by
/// hand), short hub timings, and helpers for REST, negotiate and raw hub sockets.
final class HubHarness: Sendable {
    let simulator: GatewaySimulator
    let hubs: SimulatorHubs
    let clock: ManualClock
    let port: Int
    var core: SimulatorCore { simulator.core }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    private init(simulator: GatewaySimulator, hubs: SimulatorHubs, clock: ManualClock, port: Int) {
        self.simulator = simulator
        self.hubs = hubs
        self.clock = clock
        self.port = port
    }

    static func start(
        hub adjustHubs: (inout SimulatorHubsConfiguration) -> Void = { _ in },
        _ configure: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> HubHarness {
        let clock = ManualClock(testEpoch)
        var hubConfiguration = SimulatorHubsConfiguration()
        hubConfiguration.hub.tickInterval = .milliseconds(50)
        hubConfiguration.hub.keepAliveInterval = .seconds(2)
        hubConfiguration.hub.closeTimeout = .seconds(1)
        adjustHubs(&hubConfiguration)
        let hubs = SimulatorHubs(configuration: hubConfiguration)
        let simulator = GatewaySimulator(configuration: testConfiguration(clock: clock) { configuration in
            configuration.users = [.standard, otherUser]
            configure(&configuration)
        }, hubs: hubs)
        let port = try await simulator.start()
        return HubHarness(simulator: simulator, hubs: hubs, clock: clock, port: port)
    }

    func stop() async { await simulator.stop() }

    // MARK: REST

    func post(_ path: String, _ body: [String: Any]? = [:], token: String? = nil) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) }
        return try await execute(request)
    }

    func get(_ path: String, token: String? = nil) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        return try await execute(request)
    }

    private func execute(_ request: HTTPClientRequest) async throws -> HTTPResult {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return HTTPResult(status: Int(response.status.code), headers: headers, body: Data(buffer: buffer))
    }

    /// Logs in and returns the token.
    func login(_ user: SimulatedUser = .standard) async throws -> String {
        let result = try await post("/api/Auth/loginKey", ["userName": user.userName, "apiKey": user.apiKey])
        return try #require(result.json["token"] as? String)
    }

    /// `POST /hubs/{hub}/negotiate` with the token as a bearer header.
    func negotiate(_ hub: String, token: String?, version: Int? = 1) async throws -> HTTPResult {
        let query = version.map { "?negotiateVersion=\($0)" } ?? ""
        return try await post("/hubs/\(hub)/negotiate\(query)", nil, token: token)
    }

    // MARK: Hub sockets

    /// The upgrade target `/hubs/{hub}` with the token (and an `id`) in the query.
    static func target(_ hub: String, token: String?, id: String? = nil) -> String {
        var items: [String] = []
        if let id { items.append("id=\(id)") }
        if let token { items.append("access_token=\(token)") }
        return "/hubs/\(hub)" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
    }

    /// Upgrade attempt with skipped negotiation and the token in the query.
    func upgrade(_ hub: String, token: String?, headers: [(String, String)] = []) async throws -> RawHubSocket.Upgrade {
        try await RawHubSocket.connect(port: port, target: Self.target(hub, token: token), headers: headers)
    }

    /// A handshaken connection with skipped negotiation and the token in the query.
    func connect(_ hub: String, token: String) async throws -> RawHubSocket {
        try await RawHubSocket.handshaken(port: port, target: Self.target(hub, token: token))
    }

    /// Waits until `condition` holds (polling every 10 ms) or `timeout` passed.
    func eventually(timeout: Duration = .seconds(5), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }
}

/// Runs `body` against a fresh simulator with hubs and always stops it.
func withHubs(
    hub adjustHubs: (inout SimulatorHubsConfiguration) -> Void = { _ in },
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (HubHarness) async throws -> Void
) async throws {
    let harness = try await HubHarness.start(hub: adjustHubs, configure)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}

/// The arguments of an invocation as Foundation JSON values.
func jsonArguments(_ invocation: InvocationMessage) -> [Any] {
    invocation.arguments.map { argument in
        (try? JSONSerialization.jsonObject(with: Data(argument.bytes), options: [.fragmentsAllowed])) ?? NSNull()
    }
}

/// The error text of a Completion, if it failed.
func completionError(_ completion: CompletionMessage) -> String? {
    if case .error(let text) = completion.outcome { return text }
    return nil
}
