import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Synchronization

/// Runs a `SignalRServer` hub on a loopback port for one test, with the methods the client tests
/// call: `Echo`, `Add`, `Fail`, `WhoAmI` (the principal's user, which the authenticator sets to
/// the token), `Hang` (never returns), `Push(event, count)` and the streams `Counter(n)` and
/// `Forever`.
enum ServerFixture {
    static func configuration() -> HubServerConfiguration {
        var configuration = HubServerConfiguration()
        configuration.tickInterval = .milliseconds(25)
        configuration.keepAliveInterval = .seconds(1)
        // Long enough that a loaded test machine answers the close frame before the server gives
        // up and resets the socket (a reset can discard the Close message the client has not read).
        configuration.closeTimeout = .seconds(3)
        configuration.maximumReceiveMessageSize = 4 << 20
        return configuration
    }

    /// Accepts a token that starts with "good" (from the header or the query); 401 otherwise.
    static let tokenAuthenticator: HubAuthenticator = { request in
        guard let token = request.accessToken, token.hasPrefix("good") else { return .reject(.unauthorized) }
        return .accept(HubPrincipal(user: token, accessToken: token))
    }

    static func makeHub(
        configuration: HubServerConfiguration = configuration(),
        authenticator: HubAuthenticator? = tokenAuthenticator
    ) -> HubServer {
        let hub = HubServer(name: "client-tests", configuration: configuration, authenticator: authenticator)
        hub.on("Echo") { call in call.arguments.first }
        hub.on("Add") { call in
            try RawJSON(encoding: try call.argument(0, as: Int.self) + call.argument(1, as: Int.self))
        }
        hub.on("Fail") { _ in throw HubException("boom") }
        hub.on("WhoAmI") { call in try RawJSON(encoding: call.connection.principal.user ?? "anonymous") }
        hub.on("Hang") { _ in
            try await Task.sleep(for: .seconds(3600))
            return nil
        }
        hub.on("Push") { call in
            let event = try call.argument(0, as: String.self)
            for index in 0..<(try call.argument(1, as: Int.self)) {
                _ = call.connection.send(event, [try RawJSON(encoding: index), try RawJSON(encoding: ["n": index])])
            }
            return nil
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
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        return hub
    }

    /// Runs `body` with the hub served at `/hub` and the hub URL.
    static func with<T: Sendable>(
        _ hub: HubServer = makeHub(),
        _ body: @escaping @Sendable (HubServer, URL) async throws -> T
    ) async throws -> T {
        try await StandaloneHubHost.withRunning(["/hub": hub]) { port in
            try await body(hub, URL(string: "http://127.0.0.1:\(port)/hub")!)
        }
    }
}
