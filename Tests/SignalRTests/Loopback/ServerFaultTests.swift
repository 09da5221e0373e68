import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

/// The client against SignalRServer's faults: drops, Close, silence, timeouts, pending calls.
// Five minutes: the time a test waits for its turn at the ConcurrencyGate counts toward the limit.
@Suite("SignalRServer: reconnect, Close, keep-alive, timeouts", .gated, .timeLimit(.minutes(5)))
struct ServerFaultTests {
    static let fastRetry = DefaultRetryPolicy(delays: [.zero, .milliseconds(100), .milliseconds(200)])

    @Test("after a TCP drop the client reconnects with a full start: new connection id, fresh token request")
    func reconnectAfterDrop() async throws {
        try await ServerFixture.with { hub, url in
            let tokens = RefreshingTokens(bad: "good-initial", good: "good-refreshed")
            let connection = HubConnection(url: url, options: loopbackOptions(provider: tokens.provider, retry: Self.fastRetry))
            let (states, watcher) = Collected.states(of: connection)
            defer { watcher.cancel() }
            try await connection.start()
            let first = try #require(connection.connectionId)
            hub.abortAll()
            #expect(await waitUntil { connection.connectionId.map { $0 != first } ?? false })
            #expect(states.all.contains(.reconnecting(reason: .connectionClosed(code: nil, reason: nil))))
            #expect(tokens.requests.filter { $0.reason == .reconnect }.count == 2)
            #expect(try await connection.invoke("Add", 2, 2, returning: Int.self) == 4)
            await connection.stop()
        }
    }

    @Test("pending invocations and streams fail at once on disconnect and are not resent")
    func pendingFailOnDisconnect() async throws {
        try await ServerFixture.with { hub, url in
            let connection = HubConnection(url: url, options: loopbackOptions(retry: DefaultRetryPolicy(delays: [.seconds(30)])))
            try await connection.start()
            let hanging = Task { try await connection.invoke("Hang") }
            let stream = try await connection.stream("Forever", of: Int.self)
            try await Task.sleep(for: .milliseconds(100))
            let dropped = ContinuousClock.now
            hub.abortAll()
            await #expect(throws: SignalRError.connectionLost(cause: .connectionClosed(code: nil, reason: nil))) { try await hanging.value }
            await #expect(throws: SignalRError.connectionLost(cause: .connectionClosed(code: nil, reason: nil))) {
                for try await _ in stream {}
            }
            #expect(dropped.duration(to: .now) < .seconds(2))
            await #expect(throws: SignalRError.notConnected) { try await connection.invoke("Echo", 1) }
            await connection.stop()
            #expect(connection.state == .disconnected(error: nil))
        }
    }

    @Test("Close with allowReconnect reconnects; Close without it disconnects with the server's error")
    func serverClose() async throws {
        try await ServerFixture.with { hub, url in
            let connection = HubConnection(url: url, options: loopbackOptions(retry: Self.fastRetry))
            let (states, watcher) = Collected.states(of: connection)
            defer { watcher.cancel() }
            try await connection.start()
            let first = connection.connectionId
            // A round trip first, so that the server has fully registered the connection.
            #expect(try await connection.invoke("Add", 1, 1, returning: Int.self) == 2)
            hub.closeAll(error: "Server restarting", allowReconnect: true)
            #expect(await waitUntil { connection.state.isConnected && connection.connectionId != first })
            #expect(states.all.contains(.reconnecting(reason: .closedByServer(error: "Server restarting", allowReconnect: true))))
            #expect(try await connection.invoke("Add", 1, 1, returning: Int.self) == 2)
            hub.closeAll(error: "Account closed")
            let final = SignalRError.closedByServer(error: "Account closed", allowReconnect: false)
            #expect(await waitUntil { connection.state == .disconnected(error: final) })
            try await Task.sleep(for: .milliseconds(300))
            #expect(connection.state == .disconnected(error: final))
        }
    }

    @Test("a silent server is detected by the server timeout; without a policy the connection stops")
    func silentServer() async throws {
        var configuration = ServerFixture.configuration()
        configuration.keepAliveInterval = .milliseconds(100)
        try await ServerFixture.with(ServerFixture.makeHub(configuration: configuration)) { hub, url in
            var options = loopbackOptions()
            options.serverTimeout = .seconds(4)
            options.keepAliveInterval = .milliseconds(100)
            let connection = HubConnection(url: url, options: options)
            try await connection.start()
            try await Task.sleep(for: .seconds(5))
            #expect(connection.state.isConnected)
            hub.setSilent(true)
            #expect(await waitUntil { connection.state == .disconnected(error: .serverTimeout) })
        }
    }

    @Test("the client pings right after the handshake (starting the server's client timeout) and keeps pinging")
    func clientPings() async throws {
        var configuration = ServerFixture.configuration()
        configuration.clientTimeoutInterval = .seconds(3)
        configuration.keepAliveInterval = .milliseconds(250)
        try await ServerFixture.with(ServerFixture.makeHub(configuration: configuration)) { _, url in
            var pinging = loopbackOptions()
            pinging.keepAliveInterval = .milliseconds(100)
            var lazy = loopbackOptions()
            lazy.keepAliveInterval = .seconds(30)
            let good = HubConnection(url: url, options: pinging)
            let idle = HubConnection(url: url, options: lazy)
            try await good.start()
            try await idle.start()
            // The idle client sent only its first Ping: the server times it out and closes it.
            // (Both clients receive the server's Pings, so neither hits its own server timeout.)
            #expect(await waitUntil(timeout: .seconds(15)) { !idle.state.isConnected })
            if case .disconnected(.closedByServer(_, true)?) = idle.state {} else { Issue.record("unexpected \(idle.state)") }
            #expect(good.state.isConnected)
            #expect(try await good.invoke("Echo", 1, returning: Int.self) == 1)
            await good.stop()
        }
    }

    @Test("a handshake that never comes back times out")
    func handshakeTimeout() async throws {
        try await ServerFixture.with { hub, url in
            hub.setSilent(true)
            var options = loopbackOptions()
            options.handshakeTimeout = .milliseconds(300)
            let connection = HubConnection(url: url, options: options)
            await #expect(throws: SignalRError.handshakeTimeout) { try await connection.start() }
            #expect(connection.state == .disconnected(error: .handshakeTimeout))
        }
    }

    @Test("stop during the reconnect delay and during start")
    func stopWhileBusy() async throws {
        try await ServerFixture.with { hub, url in
            let connection = HubConnection(url: url, options: loopbackOptions(retry: DefaultRetryPolicy(delays: [.seconds(30)])))
            try await connection.start()
            hub.abortAll()
            #expect(await waitUntil { if case .reconnecting = connection.state { true } else { false } })
            let stopping = ContinuousClock.now
            await connection.stop()
            #expect(stopping.duration(to: .now) < .seconds(2))
            #expect(connection.state == .disconnected(error: nil))

            hub.setSilent(true)
            let starting = Task { try await connection.start() }
            try await Task.sleep(for: .milliseconds(200))
            await connection.stop()
            await #expect(throws: SignalRError.stoppedDuringStart) { try await starting.value }
            #expect(connection.state == .disconnected(error: nil))
        }
    }
}
