import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import Testing

@testable import GatewaySimulator

/// 2025-09-03T14:30:00Z: ES front month is U25 (rolls 12 Sep), CL front month is V25.
let testEpoch = Date(timeIntervalSince1970: 1_756_909_800)
let esContract = "CON.F.US.EP.U25"
let mesContract = "CON.F.US.MES.U25"
let practiceAccount = 8_101_001
let combineAccount = 8_101_002
let followerAccount = 8_101_003
let breachedAccount = 8_101_004
let liveAccount = 8_101_005

/// A configuration for tests: manual clock at ``testEpoch``, no market loop (tests move the
/// market by hand), fixed seed.
func testConfiguration(clock: ManualClock, _ configure: (inout SimulatorConfiguration) -> Void = { _ in }) -> SimulatorConfiguration {
    var configuration = SimulatorConfiguration()
    configuration.clock = clock.wallClock
    configuration.runsMarketLoop = false
    configuration.seed = 7
    configuration.logLevel = .warning
    configure(&configuration)
    return configuration
}

/// One HTTP response, with JSON helpers.
struct HTTPResult {
    let status: Int
    /// Header values by lowercased name.
    let headers: [String: String]
    let body: Data

    var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A running simulator on a free loopback port, and a small HTTP client for it.
final class SimulatorHarness: Sendable {
    let simulator: GatewaySimulator
    let clock: ManualClock
    let baseURL: String
    var core: SimulatorCore { simulator.core }

    private init(simulator: GatewaySimulator, clock: ManualClock, port: Int) {
        self.simulator = simulator
        self.clock = clock
        self.baseURL = "http://127.0.0.1:\(port)"
    }

    static func start(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws -> SimulatorHarness {
        let clock = ManualClock(testEpoch)
        let simulator = GatewaySimulator(configuration: testConfiguration(clock: clock, configure))
        let port = try await simulator.start()
        return SimulatorHarness(simulator: simulator, clock: clock, port: port)
    }

    func stop() async { await simulator.stop() }

    /// POSTs a raw body.
    func post(_ path: String, raw: String?, token: String? = nil, headers extra: [(String, String)] = []) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let raw { request.body = .bytes(ByteBuffer(string: raw)) }
        return try await execute(request)
    }

    /// POSTs a JSON object.
    func post(_ path: String, _ body: [String: Any] = [:], token: String? = nil) async throws -> HTTPResult {
        let data = try JSONSerialization.data(withJSONObject: body)
        return try await post(path, raw: String(decoding: data, as: UTF8.self), token: token)
    }

    func get(_ path: String) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .GET
        return try await execute(request)
    }

    private func execute(_ request: HTTPClientRequest) async throws -> HTTPResult {
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return HTTPResult(status: Int(response.status.code), headers: headers, body: Data(buffer: buffer))
    }

    /// Logs in the default user and returns the token.
    func login() async throws -> String {
        let result = try await post("/api/Auth/loginKey", ["userName": SimulatedUser.defaultUserName, "apiKey": SimulatedUser.defaultApiKey])
        let token = try #require(result.json["token"] as? String)
        return token
    }
}

/// Runs `body` against a fresh simulator and always stops it.
func withSimulator(
    _ configure: (inout SimulatorConfiguration) -> Void = { _ in },
    _ body: (SimulatorHarness) async throws -> Void
) async throws {
    let harness = try await SimulatorHarness.start(configure)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}

/// A core without a server, for exchange and feed tests.
func makeCore(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) -> (SimulatorCore, ManualClock) {
    let clock = ManualClock(testEpoch)
    return (SimulatorCore(configuration: testConfiguration(clock: clock, configure)), clock)
}

/// Decodes the JWT payload segment.
func jwtSegment(_ token: String, _ index: Int) -> [String: Any] {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, let data = JWTCodec.decodeBase64URL(parts[index]) else { return [:] }
    return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
}

/// `x` as Double (JSON numbers come back as NSNumber).
func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
/// `x` as Int.
func integer(_ value: Any?) -> Int? {
    guard let number = value as? NSNumber, Double(number.intValue) == number.doubleValue else { return nil }
    return number.intValue
}
