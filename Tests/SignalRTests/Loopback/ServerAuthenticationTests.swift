import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

/// Tokens against SignalRServer's authentication hook and its scripted negotiate answers.
// Five minutes: the time a test waits for its turn at the ConcurrencyGate counts toward the limit.
@Suite("SignalRServer: tokens, 401s, negotiate redirect and error", .gated, .timeLimit(.minutes(5)))
struct ServerAuthenticationTests {
    @Test("401 at negotiate: the provider is asked again with reason authenticationFailure and the new token is used")
    func negotiate401() async throws {
        try await ServerFixture.with { _, url in
            let tokens = RefreshingTokens()
            let connection = HubConnection(url: url, options: loopbackOptions(provider: tokens.provider))
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-fresh")
            #expect(tokens.requests.first?.reason == .initialConnect)
            #expect(tokens.requests.dropFirst().first?.reason == .authenticationFailure(status: 401, phase: .negotiate))
            await connection.stop()
        }
    }

    @Test("401 at the upgrade (server refuses the next upgrades) is recovered with fresh tokens, reported per phase")
    func upgrade401() async throws {
        try await ServerFixture.with { hub, url in
            hub.refuseNextUpgrades(2)
            let tokens = RefreshingTokens(bad: "good-old", good: "good-new")
            let connection = HubConnection(url: url, options: loopbackOptions(provider: tokens.provider))
            let (states, watcher) = Collected.states(of: connection)
            defer { watcher.cancel() }
            try await connection.start()
            let refused = SignalRError.authenticationFailed(status: 401, phase: .webSocketUpgrade)
            #expect(tokens.requests.filter { $0.reason == .authenticationFailure(status: 401, phase: .webSocketUpgrade) }.count == 2)
            #expect(states.all.filter { $0 == .connecting(retryingAfter: refused) }.count == 2)
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-new")
            await connection.stop()
        }
    }

    @Test("401 during reconnect refreshes at once instead of waiting the backoff")
    func reconnect401() async throws {
        try await ServerFixture.with { hub, url in
            let tokens = RefreshingTokens(bad: "good-1", good: "good-2")
            let policy = DefaultRetryPolicy(delays: [.zero, .seconds(300)])
            let connection = HubConnection(url: url, options: loopbackOptions(provider: tokens.provider, retry: policy))
            try await connection.start()
            hub.refuseNextUpgrades(1)
            hub.abortAll()
            // Without the immediate retry the second attempt would wait 300 s.
            #expect(await waitUntil(timeout: .seconds(30)) { connection.state.isConnected && tokens.requests.count >= 6 })
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-2")
            await connection.stop()
        }
    }

    @Test("a revoked token fails start() after the immediate retries; 403 is an authentication failure too")
    func revoked() async throws {
        let forbidding: HubAuthenticator = { _ in .reject(.forbidden) }
        try await ServerFixture.with(ServerFixture.makeHub(authenticator: forbidding)) { _, url in
            let tokens = RefreshingTokens()
            var options = loopbackOptions(provider: tokens.provider)
            options.authenticationFailureRetryLimit = 2
            let connection = HubConnection(url: url, options: options)
            await #expect(throws: SignalRError.authenticationFailed(status: 403, phase: .negotiate)) { try await connection.start() }
            #expect(tokens.requests.count == 3)
        }
    }

    @Test("access_token in the query, URL-encoded, with skipNegotiation (the ProjectX gateway's mode)")
    func queryTokenSkipNegotiation() async throws {
        let queryOnly: HubAuthenticator = { request in
            guard request.query["access_token"] == "good+/=token", request.bearerToken == "good+/=token" else { return .reject(.unauthorized) }
            return .accept(HubPrincipal(user: "query-user"))
        }
        try await ServerFixture.with(ServerFixture.makeHub(authenticator: queryOnly)) { _, url in
            var options = loopbackOptions(token: "good+/=token")
            options.accessTokenInQuery = true
            options.skipNegotiation = true
            let connection = HubConnection(url: url, options: options)
            try await connection.start()
            #expect(connection.state == .connected(connectionId: nil))
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "query-user")
            await connection.stop()
        }
    }

    @Test("negotiate redirect with an access token, for this start only; negotiate error")
    func redirectAndError() async throws {
        try await ServerFixture.with { hub, url in
            hub.overrideNegotiate(.redirect(url: url.absoluteString, accessToken: "good-redirected"), times: 1)
            let tokens = RefreshingTokens(bad: "good-user", good: "good-user")
            let connection = HubConnection(url: url, options: loopbackOptions(provider: tokens.provider))
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-redirected")
            #expect(tokens.requests.count == 1)
            await connection.stop()
            try await connection.start()
            #expect(try await connection.invoke("WhoAmI", returning: String.self) == "good-user")
            await connection.stop()

            hub.overrideNegotiate(.error("This connection is not allowed."))
            await #expect(throws: SignalRError.negotiateFailed("This connection is not allowed.")) { try await connection.start() }
        }
    }
}
