import Foundation
import SignalR
import Testing
import TestGate

func reconnectingOptions(_ script: TokenScript, delays: [Duration] = [.zero, .milliseconds(100), .milliseconds(200)]) -> HubConnectionOptions {
    var options = interopOptions(provider: script.provider)
    options.retryPolicy = DefaultRetryPolicy(delays: delays)
    return options
}

/// Connection loss, server Close, timeouts, pending invocations.
// Five minutes: the first test of a fresh clone waits for the Python environment to be made (pip).
@Suite("aiosignalr: reconnect, Close, timeouts", .gated, .timeLimit(.minutes(5)))
struct AiosignalrReconnectTests {
    @Test("after the server drops the socket the connection reconnects as a new connection with a fresh token")
    func reconnectAfterDrop() async throws {
        try await PythonHub.with { hub in
            let script = TokenScript(["good"])
            let connection = HubConnection(url: hub.hubURL, options: reconnectingOptions(script))
            let states = Recorder<HubConnectionState>()
            let watcher = Task { for await state in connection.states { states.append(state) } }
            try await connection.start()
            let first = try #require(connection.connectionId)
            try? await connection.invoke("Drop")
            #expect(await eventually { states.all.contains { if case .reconnecting = $0 { true } else { false } } })
            #expect(await eventually { connection.connectionId != nil && connection.connectionId != first })
            #expect(try await connection.invoke("Echo", 5, returning: Int.self) == 5)
            #expect(script.requests.contains { $0.reason == .reconnect && $0.phase == .negotiate })
            #expect(script.requests.contains { $0.reason == .reconnect && $0.phase == .webSocketUpgrade })
            watcher.cancel()
            await connection.stop()
        }
    }

    @Test("pending invocations and streams fail at once when the connection is lost, and are not resent")
    func pendingFail() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: reconnectingOptions(TokenScript(["good"]), delays: [.seconds(30)]))
            try await connection.start()
            let stream = try await connection.stream("Forever", of: Int.self)
            let hanging = Task { try await connection.invoke("Hang", returning: String?.self) }
            try await Task.sleep(for: .milliseconds(100))
            let started = ContinuousClock.now
            try? await connection.invoke("Drop")
            await #expect(throws: SignalRError.self) { _ = try await hanging.value }
            await #expect(throws: SignalRError.self) { for try await _ in stream {} }
            #expect(started.duration(to: .now) < .seconds(5))
            if case .reconnecting = connection.state {} else { Issue.record("expected reconnecting, got \(connection.state)") }
            // Stop during the reconnect delay returns at once.
            await connection.stop()
            #expect(connection.state == .disconnected(error: nil))
        }
    }

    @Test("Close with allowReconnect reconnects; Close without it stops with the server's error")
    func serverClose() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: reconnectingOptions(TokenScript(["good"])))
            let states = Recorder<HubConnectionState>()
            let watcher = Task { for await state in connection.states { states.append(state) } }
            try await connection.start()
            try? await connection.invoke("CloseMe", "restarting", true)
            let reason = SignalRError.closedByServer(error: "restarting", allowReconnect: true)
            #expect(await eventually { states.all.contains(.reconnecting(reason: reason)) })
            #expect(await eventually { connection.state.isConnected })

            try? await connection.invoke("CloseMe", "go away", false)
            let final = SignalRError.closedByServer(error: "go away", allowReconnect: false)
            #expect(await eventually { connection.state == .disconnected(error: final) })
            try await Task.sleep(for: .milliseconds(300))
            #expect(connection.state == .disconnected(error: final))
            watcher.cancel()
        }
    }

    @Test("a server that goes silent is dropped after the server timeout")
    func serverTimeout() async throws {
        try await PythonHub.with(["--keep-alive", "0.3"]) { hub in
            var options = interopOptions()
            options.serverTimeout = .seconds(3)
            options.keepAliveInterval = .milliseconds(200)
            let connection = HubConnection(url: hub.hubURL, options: options)
            try await connection.start()
            let silenced = ContinuousClock.now
            try? await connection.invoke("Silence")
            #expect(await eventually(timeout: .seconds(20)) { connection.state == .disconnected(error: .serverTimeout) })
            #expect(silenced.duration(to: .now) >= .seconds(2))
        }
    }

    @Test("client pings keep the server's client timeout from firing; without them the server drops the connection")
    func clientPings() async throws {
        try await PythonHub.with(["--client-timeout", "3", "--keep-alive", "0.3"]) { hub in
            var options = interopOptions()
            options.keepAliveInterval = .milliseconds(200)
            let pinging = HubConnection(url: hub.hubURL, options: options)
            options.keepAliveInterval = .seconds(60)
            let silent = HubConnection(url: hub.hubURL, options: options)
            try await pinging.start()
            try await silent.start()
            try await Task.sleep(for: .seconds(6))
            #expect(pinging.state.isConnected)
            #expect(try await pinging.invoke("Echo", 1, returning: Int.self) == 1)
            #expect(!silent.state.isConnected)
            await pinging.stop()
            await silent.stop()
        }
    }

    @Test("start() twice is refused; stop() is idempotent")
    func startTwice() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            try await connection.start()
            await #expect(throws: SignalRError.invalidState("Cannot start a HubConnection that is not in the 'Disconnected' state.")) {
                try await connection.start()
            }
            await connection.stop()
            await connection.stop()
            try await connection.start()
            #expect(try await connection.invoke("Add", 1, 1, returning: Int.self) == 2)
            await connection.stop()
        }
    }
}
