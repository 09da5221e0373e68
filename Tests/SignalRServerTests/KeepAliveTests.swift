import SignalRProtocol
import SignalRServer
import Testing
import RawHubClient
import TestGate

/// Timing tests: bounds are loose on the slow side because the machine may be loaded; the
/// exact rules are covered without sockets by `ConnectionStateTests`.
@Suite("Keep-alive and client timeout", .gated, .serialized)
struct KeepAliveTests {
    private static func configuration(keepAlive: Duration = .milliseconds(200), clientTimeout: Duration = .milliseconds(400)) -> HubServerConfiguration {
        var configuration = HubFixture.fastConfiguration()
        configuration.keepAliveInterval = keepAlive
        configuration.clientTimeoutInterval = clientTimeout
        return configuration
    }

    @Test("a Ping goes out after each keep-alive interval without sends")
    func pingCadence() async throws {
        try await HubFixture.withHub(HubFixture.makeHub(configuration: Self.configuration())) { port in
            // The server counts from its last send (the handshake answer), which follows `started`.
            let started = ContinuousClock.now
            let socket = try await RawHubSocket.handshaken(port: port)
            var last = ContinuousClock.now
            for _ in 0..<3 {
                // Generous bounds: the suite runs in parallel on two cores; the point is that a
                // Ping keeps coming, not its precise timing.
                let record = try await socket.nextRecord(timeout: .seconds(4))
                #expect(record == Array("{\"type\":6}".utf8)[...])
                let now = ContinuousClock.now
                #expect(now - last <= .seconds(4))
                last = now
            }
            #expect(last - started >= .milliseconds(600))
            #expect(last - started <= .seconds(12))
            await socket.close()
        }
    }

    @Test("sending resets the keep-alive: no Ping while events flow")
    func sendsSuppressPings() async throws {
        let hub = HubFixture.makeHub(configuration: Self.configuration(keepAlive: .seconds(1)))
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            let feeder = Task {
                for _ in 0..<30 {
                    hub.sendToAll("Tick", [])
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            let deadline = ContinuousClock.now + .milliseconds(1400)
            while ContinuousClock.now < deadline {
                let message = try await socket.nextMessage(timeout: .seconds(1), includePings: true)
                #expect(message != .ping)
            }
            try await feeder.value
            await socket.close()
        }
    }

    @Test("after the client's first Ping, silence beyond the client timeout closes with the reference's Close")
    func clientTimeout() async throws {
        let hub = HubFixture.makeHub(configuration: Self.configuration(keepAlive: .seconds(10)))
        let recorder = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.ping)
            let started = ContinuousClock.now
            let close = try await socket.waitForClose(timeout: .seconds(5))
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(375))
            #expect(elapsed <= .seconds(5))
            #expect(close.messages == [.close(CloseMessage(error: "Connection closed with an error.", allowReconnect: true))])
            #expect(try await socket.nextRecordless())
            try await eventually { recorder.disconnectCount == 1 }
            #expect(recorder.errors.first as? HubConnectionError == .clientTimeout)
        }
    }

    @Test("a client that never pings is never timed out; one that keeps pinging is not either")
    func noTimeoutWithoutFirstPingOrWhilePinging() async throws {
        let configuration = Self.configuration(clientTimeout: .milliseconds(1500))
        try await HubFixture.withHub(HubFixture.makeHub(configuration: configuration)) { port in
            let silent = try await RawHubSocket.handshaken(port: port)
            let pinging = try await RawHubSocket.handshaken(port: port)
            try await pinging.send(.ping)
            for _ in 0..<20 {
                try await Task.sleep(for: .milliseconds(100))
                try await pinging.send(.ping)
            }
            for socket in [silent, pinging] {
                try await socket.invoke("Void", [], id: "alive")
                #expect(try await socket.nextMessage() == .completion(.init(invocationId: "alive", outcome: .void)))
                await socket.close()
            }
        }
    }
}

extension RawHubSocket {
    /// After `waitForClose`: nothing more can arrive.
    func nextRecordless() async throws -> Bool {
        if case .closed = await nextEvent(timeout: .milliseconds(100)) { return true }
        return false
    }
}
