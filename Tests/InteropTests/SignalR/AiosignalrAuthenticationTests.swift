import Foundation
import SignalR
import SignalRProtocol
import Testing
import TestGate

/// Tokens: asked on every negotiate and connect, told why, refreshed after a 401 and retried at once.
// Five minutes: the first test of a fresh clone waits for the Python environment to be made (pip).
@Suite("aiosignalr: tokens and authentication failures", .gated, .timeLimit(.minutes(5)))
struct AiosignalrAuthenticationTests {
    @Test("a 401 at negotiate is recovered with a fresh token asked with reason authenticationFailure")
    func negotiate401() async throws {
        try await PythonHub.with { hub in
            let (script, provider) = TokenScript.refreshing(bad: "bad-expired", good: "good-fresh")
            let connection = HubConnection(url: hub.hubURL, options: interopOptions(provider: provider))
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-fresh")
            #expect(
                script.requests == [
                    AccessTokenRequest(reason: .initialConnect, phase: .negotiate, attempt: 1),
                    AccessTokenRequest(reason: .authenticationFailure(status: 401, phase: .negotiate), phase: .negotiate, attempt: 2),
                    AccessTokenRequest(reason: .initialConnect, phase: .webSocketUpgrade, attempt: 2),
                ]
            )
            await connection.stop()
        }
    }

    @Test("a 401 at the WebSocket upgrade is recovered the same way, and reported with its phase")
    func upgrade401() async throws {
        try await PythonHub.with { hub in
            let (script, provider) = TokenScript.refreshing(bad: "upgrade-bad", good: "good-fresh")
            let connection = HubConnection(url: hub.hubURL, options: interopOptions(provider: provider))
            let states = Recorder<HubConnectionState>()
            let watcher = Task { for await state in connection.states { states.append(state) } }
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-fresh")
            #expect(script.requests.map(\.reason) == [
                .initialConnect, .initialConnect, .authenticationFailure(status: 401, phase: .webSocketUpgrade), .initialConnect,
            ])
            #expect(script.requests.map(\.phase) == [.negotiate, .webSocketUpgrade, .negotiate, .webSocketUpgrade])
            let refused = SignalRError.authenticationFailed(status: 401, phase: .webSocketUpgrade)
            #expect(await eventually { states.all.contains(.connecting(retryingAfter: refused)) })
            watcher.cancel()
            await connection.stop()
        }
    }

    @Test("a token refused every time fails start() after the immediate retries, with status and phase")
    func refusedForever() async throws {
        try await PythonHub.with { hub in
            let script = TokenScript(["bad-revoked"])
            let connection = HubConnection(url: hub.hubURL, options: interopOptions(provider: script.provider))
            await #expect(throws: SignalRError.authenticationFailed(status: 401, phase: .negotiate)) {
                try await connection.start()
            }
            #expect(script.requests.count == 4)
            #expect(connection.state == .disconnected(error: .authenticationFailed(status: 401, phase: .negotiate)))
        }
    }

    @Test("the token goes in the access_token query parameter too, URL-encoded, when configured")
    func queryToken() async throws {
        try await PythonHub.with { hub in
            var options = interopOptions(token: "tok+en/with=chars")
            options.accessTokenInQuery = true
            let connection = HubConnection(url: hub.hubURL, options: options)
            try await connection.start()
            #expect(try await connection.invoke("QueryToken", returning: String?.self) == "tok+en/with=chars")
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "tok+en/with=chars")
            await connection.stop()

            let headerOnly = HubConnection(url: hub.hubURL, options: interopOptions(token: "header-only"))
            try await headerOnly.start()
            #expect(try await headerOnly.invoke("QueryToken", returning: String?.self) == nil)
            await headerOnly.stop()
        }
    }

    @Test("upgrades refused with 401 by the server are retried at once with fresh tokens")
    func refusedUpgrades() async throws {
        try await PythonHub.with { hub in
            try await hub.post("/admin/refuse-upgrades?count=2")
            let script = TokenScript(["good-1", "good-2", "good-3", "good-4", "good-5", "good-6"])
            let connection = HubConnection(url: hub.hubURL, options: interopOptions(provider: script.provider))
            try await connection.start()
            let reasons = script.requests.map(\.reason)
            #expect(reasons.filter { $0 == .authenticationFailure(status: 401, phase: .webSocketUpgrade) }.count == 2)
            // The token used is the one asked last, not one captured earlier.
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-6")
            await connection.stop()
        }
    }

    @Test("a redirect's accessToken replaces the provider for that start only")
    func redirect() async throws {
        try await PythonHub.with { hub in
            let script = TokenScript(["user-token"])
            let connection = HubConnection(url: hub.url("/redirect"), options: interopOptions(provider: script.provider))
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "redirect-token")
            #expect(script.requests.count == 1)
            await connection.stop()
            try await connection.start()
            #expect(script.requests.count == 2)
            #expect(script.requests.last?.reason == .initialConnect)
            await connection.stop()
        }
    }

    @Test("negotiate errors: {error}, redirect loop, 404, nothing listening")
    func negotiateErrors() async throws {
        try await PythonHub.with { hub in
            let refused = HubConnection(url: hub.url("/refused"), options: interopOptions())
            await #expect(throws: SignalRError.negotiateFailed("This connection is not allowed.")) { try await refused.start() }
            let loop = HubConnection(url: hub.url("/loop"), options: interopOptions())
            await #expect(throws: SignalRError.negotiateFailed("Negotiate redirection limit exceeded.")) { try await loop.start() }
            let missing = HubConnection(url: hub.url("/nothing"), options: interopOptions())
            let error = await #expect(throws: SignalRError.self) { try await missing.start() }
            #expect(error?.httpStatus == 404)
        }
        let closed = HubConnection(url: URL(string: "http://127.0.0.1:1/hub")!, options: interopOptions())
        let error = await #expect(throws: SignalRError.self) { try await closed.start() }
        if case .transportFailed(let phase, _) = error {
            #expect(phase == .negotiate)
        } else {
            Issue.record("expected transportFailed, got \(String(describing: error))")
        }
    }

    @Test("skipNegotiation connects straight to the WebSocket, without a connection id")
    func skipNegotiation() async throws {
        try await PythonHub.with { hub in
            let script = TokenScript(["skip-token"])
            var options = interopOptions(provider: script.provider)
            options.skipNegotiation = true
            let connection = HubConnection(url: hub.hubURL, options: options)
            try await connection.start()
            #expect(connection.state == .connected(connectionId: nil))
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "skip-token")
            #expect(script.requests == [AccessTokenRequest(reason: .initialConnect, phase: .webSocketUpgrade, attempt: 1)])
            await connection.stop()
        }
    }
}
