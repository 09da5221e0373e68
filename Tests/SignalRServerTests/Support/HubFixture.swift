import AsyncHTTPClient
import Foundation
import NIOCore
import SignalRProtocol
import SignalRServer
import RawHubClient

/// Runs a hub on a loopback port for one test.
enum HubFixture {
    /// Test timings: short enough that keep-alive tests take a second, not a minute.
    static func fastConfiguration() -> HubServerConfiguration {
        var configuration = HubServerConfiguration()
        configuration.tickInterval = .milliseconds(25)
        configuration.closeTimeout = .milliseconds(500)
        return configuration
    }

    /// A hub with the test methods `Add`, `Echo`, `Void`, `Fail`, `FailHub`, `Join`, `Leave`,
    /// `Counter` (stream) and `Forever` (stream).
    static func makeHub(
        configuration: HubServerConfiguration = fastConfiguration(),
        authenticator: HubAuthenticator? = nil
    ) -> HubServer {
        let hub = HubServer(name: "test", configuration: configuration, authenticator: authenticator)
        hub.on("Add") { call in
            try call.expectArgumentCount(2)
            return try RawJSON(encoding: try call.argument(0, as: Int.self) + call.argument(1, as: Int.self))
        }
        hub.on("Echo") { call in call.arguments.first }
        hub.on("Void") { _ in nil }
        hub.on("Fail") { _ in throw TestError.boom }
        hub.on("FailHub") { _ in throw HubException("Size must be positive.") }
        hub.on("Join") { call in
            call.connection.addToGroup(try call.argument(0, as: String.self))
            return nil
        }
        hub.on("Leave") { call in
            call.connection.removeFromGroup(try call.argument(0, as: String.self))
            return nil
        }
        hub.on("WhoAmI") { call in
            try RawJSON(encoding: call.connection.principal.user ?? "anonymous")
        }
        hub.on("ConnectionId") { call in
            try RawJSON(encoding: call.connection.connectionId)
        }
        hub.onStream("Counter") { call, stream in
            for value in 0..<(try call.argument(0, as: Int.self)) {
                try stream.yield(encoding: value)
            }
        }
        hub.onStream("Forever") { _, stream in
            var value = 0
            while true {
                try stream.yield(encoding: value)
                value += 1
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        hub.onStream("FailingStream") { _, stream in
            try stream.yield(encoding: 1)
            throw HubException("Feed lost.")
        }
        return hub
    }

    /// Serves `hub` at `/hub` and runs `body` with the port.
    static func withHub(
        _ hub: HubServer,
        _ body: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        try await StandaloneHubHost.withRunning(["/hub": hub], body)
    }

    /// `POST /hub/negotiate`, returning the status and body.
    static func negotiate(
        port: Int,
        query: String? = "negotiateVersion=1",
        headers: [(String, String)] = []
    ) async throws -> (status: Int, body: String, headers: [String: String]) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/hub/negotiate" + (query.map { "?" + $0 } ?? ""))
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        var responseHeaders: [String: String] = [:]
        for header in response.headers { responseHeaders[header.name.lowercased()] = header.value }
        return (Int(response.status.code), String(buffer: body), responseHeaders)
    }

    /// Negotiates (version 1 unless told) and returns the decoded connection.
    static func negotiatedConnection(port: Int, version: Int = 1) async throws -> NegotiatedConnection {
        let response = try await negotiate(port: port, query: "negotiateVersion=\(version)")
        guard case .connection(let connection) = try NegotiateResponse.decode(Array(response.body.utf8)[...]) else {
            throw RawHubSocket.Failure("negotiate did not return a connection: \(response.body)")
        }
        return connection
    }
}

enum TestError: Error {
    case boom
}

/// Waits until `condition` holds, polling, or fails after `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw RawHubSocket.Failure("condition not met within \(timeout)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}
