import Foundation
import NIOCore
import NIOWebSocket
import SignalRProtocol
import SignalRServer
import NIOConcurrencyHelpers
import Testing
import RawHubClient
import TestGate

@Suite("Faults and control", .gated)
struct FaultTests {
    /// A connected socket and the server's context for it.
    private func connect(_ hub: HubServer, _ port: Int) async throws -> (RawHubSocket, HubConnectionContext) {
        let before = Set(hub.connections.map(\.connectionId))
        let socket = try await RawHubSocket.handshaken(port: port)
        var found: HubConnectionContext?
        try await eventually {
            hub.connections.contains { !before.contains($0.connectionId) }
        }
        found = hub.connections.first { !before.contains($0.connectionId) }
        guard let found else { throw RawHubSocket.Failure("no server connection") }
        return (socket, found)
    }

    @Test("close() sends {\"type\":7} then a 1000 close frame")
    func closeWithoutReconnect() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            connection.close()
            #expect(try await socket.nextRecord() == Array("{\"type\":7}".utf8)[...])
            let close = try await socket.waitForClose()
            #expect(close.sawCloseFrame && close.code == 1000)
        }
    }

    @Test("close(error:allowReconnect:) sends both fields")
    func closeWithReconnectAndError() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            connection.close(error: "Maintenance", allowReconnect: true)
            #expect(try await socket.nextRecord() == Array("{\"type\":7,\"error\":\"Maintenance\",\"allowReconnect\":true}".utf8)[...])
            #expect(try await socket.waitForClose().sawCloseFrame)
        }
    }

    @Test("a client that does not answer the close frame is dropped after the close timeout")
    func closeTimeout() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            let started = ContinuousClock.now
            connection.close()
            let close = try await socket.waitForClose(timeout: .seconds(5), echo: false)
            #expect(close.sawCloseFrame)
            #expect(ContinuousClock.now - started >= .milliseconds(450))
            try await eventually { hub.connectionCount == 0 }
        }
    }

    @Test("abort() drops the TCP connection without a Close message or close frame")
    func abort() async throws {
        let hub = HubFixture.makeHub()
        let recorder = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            connection.abort()
            let close = try await socket.waitForClose()
            #expect(!close.sawCloseFrame)
            #expect(close.messages.isEmpty)
            try await eventually { recorder.disconnectCount == 1 }
        }
    }

    @Test("closeAll and abortAll act on every connection")
    func hubWideCloseAndAbort() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (first, _) = try await connect(hub, port)
            let (second, _) = try await connect(hub, port)
            hub.closeAll(error: "Restart", allowReconnect: true)
            for socket in [first, second] {
                let close = try await socket.waitForClose()
                #expect(close.messages == [.close(CloseMessage(error: "Restart", allowReconnect: true))])
            }
            let (third, _) = try await connect(hub, port)
            let (fourth, _) = try await connect(hub, port)
            hub.abortAll()
            for socket in [third, fourth] {
                #expect(try await !socket.waitForClose().sawCloseFrame)
            }
        }
    }

    @Test("closeConnections(where:) closes the matching principals with allowReconnect")
    func closeByPrincipal() async throws {
        let hub = HubFixture.makeHub(authenticator: { .accept(HubPrincipal(user: $0.accessToken)) })
        try await HubFixture.withHub(hub) { port in
            let alice = try await RawHubSocket.handshaken(port: port, target: "/hub?access_token=alice")
            let bob = try await RawHubSocket.handshaken(port: port, target: "/hub?access_token=bob")
            try await eventually { hub.connectionCount == 2 }
            #expect(hub.closeConnections(where: { $0.user == "alice" }) == 1)
            #expect(try await alice.waitForClose().messages == [.close(CloseMessage(allowReconnect: true))])
            try await bob.invoke("Void")
            #expect(try await bob.nextMessage() == .completion(.init(invocationId: "1", outcome: .void)))
            await bob.close()
        }
    }

    @Test("refuseNextUpgrades with another status")
    func refuseWithStatus() async throws {
        let hub = HubFixture.makeHub()
        hub.refuseNextUpgrades(1, status: .serviceUnavailable)
        try await HubFixture.withHub(hub) { port in
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub") else {
                Issue.record("not refused")
                return
            }
            #expect(status == 503)
        }
    }

    @Test("a silent connection sends nothing, not even Pings, keeps its socket, and can speak again")
    func silentConnection() async throws {
        var configuration = HubFixture.fastConfiguration()
        configuration.keepAliveInterval = .milliseconds(100)
        let hub = HubFixture.makeHub(configuration: configuration)
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            connection.setSilent(true)
            #expect(connection.isSilent)
            try await socket.invoke("Void", [], id: "lost")
            #expect(!connection.send("Event", []))
            // A Ping queued just before the switch may still arrive; after that, nothing at all.
            try await socket.expectNoMessage(for: .milliseconds(200), allowPings: true)
            try await socket.expectNoMessage(for: .milliseconds(500), allowPings: false)
            #expect(hub.connectionCount == 1)
            connection.setSilent(false)
            try await socket.invoke("Void", [], id: "heard")
            #expect(try await socket.nextMessage() == .completion(.init(invocationId: "heard", outcome: .void)))
            #expect(try await socket.nextMessage(timeout: .seconds(5), includePings: true) == .ping)
            await socket.close()
        }
    }

    @Test("a hub-wide silence also swallows the handshake answer of new connections")
    func silentHub() async throws {
        let hub = HubFixture.makeHub()
        hub.setSilent(true)
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.open(port: port, target: "/hub")
            try await socket.sendText("{\"protocol\":\"json\",\"version\":1}\u{1e}")
            try await socket.expectNoMessage(for: .milliseconds(300), allowPings: false)
            #expect(hub.connectionCount == 1)
            hub.setSilent(false)
            try await socket.invoke("Void", [], id: "1")
            #expect(try await socket.nextMessage() == .completion(.init(invocationId: "1", outcome: .void)))
            await socket.close()
        }
    }

    @Test("split framing: each message spans several complete text frames of at most the given size")
    func splitFraming() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            let message = EncodedHubMessage.invocation("Quote", [try RawJSON(encoding: "prix: 4 250,25 €")])
            let maxFrameBytes = (message.byteCount + 2) / 3
            connection.setFraming(.split(maxFrameBytes: maxFrameBytes))
            #expect(connection.framing == .split(maxFrameBytes: maxFrameBytes))
            connection.send(message)
            var frames: [[UInt8]] = []
            while frames.joined().count < message.byteCount {
                let frame = try await socket.nextFrame()
                #expect(frame.opcode == .text)
                #expect(frame.fin)
                frames.append(Array(frame.unmaskedData.readableBytesView))
            }
            #expect(frames.count >= 3)
            #expect(frames.allSatisfy { $0.count <= maxFrameBytes && String(validating: $0, as: UTF8.self) != nil })
            #expect(frames.dropLast().allSatisfy { $0.last != 0x1E })
            #expect(Array(frames.joined()) == message.bytes)
            await socket.close()
        }
    }

    @Test("fragment framing: one WebSocket message in a text frame and continuation frames")
    func fragmentFraming() async throws {
        let hub = HubFixture.makeHub()
        hub.setFraming(.fragment(maxFrameBytes: 1))
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.open(port: port, target: "/hub")
            try await socket.sendText("{\"protocol\":\"json\",\"version\":1}\u{1e}")
            let opcodes: [(WebSocketOpcode, Bool)] = [(.text, false), (.continuation, false), (.continuation, true)]
            var received: [UInt8] = []
            for (opcode, fin) in opcodes {
                let frame = try await socket.nextFrame()
                #expect(frame.opcode == opcode)
                #expect(frame.fin == fin)
                received += Array(frame.unmaskedData.readableBytesView)
            }
            #expect(received == [0x7B, 0x7D, 0x1E])
            await socket.close()
        }
    }

    @Test("batch framing: several messages share one frame; a lone one follows within the delay")
    func batchFraming() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            connection.setFraming(.batch(maxMessages: 3, linger: .milliseconds(100)))
            for index in 0..<3 { connection.send("Seq", [try RawJSON(encoding: index)]) }
            let batch = try await socket.nextFrame()
            let records = Array(batch.unmaskedData.readableBytesView).split(separator: 0x1E)
            #expect(records.count == 3)
            #expect(batch.unmaskedData.readableBytesView.last == 0x1E)
            connection.send("Seq", [try RawJSON(encoding: 3)])
            let lone = try await socket.nextFrame()
            #expect(String(buffer: lone.unmaskedData) == "{\"type\":1,\"target\":\"Seq\",\"arguments\":[3]}\u{1e}")
            await socket.close()
        }
    }

    @Test("sendPadded sends one message of exactly the requested size (1 MiB)")
    func largeMessage() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            #expect(connection.sendPadded(totalBytes: 1 << 20))
            let frame = try await socket.nextFrame()
            #expect(frame.fin)
            #expect(frame.unmaskedData.readableBytes == 1 << 20)
            let record = Array(frame.unmaskedData.readableBytesView.dropLast())
            guard case .invocation(let invocation) = try JSONHubProtocol.decode(record) else {
                Issue.record("not an invocation")
                return
            }
            #expect(invocation.target == "LargeMessage")
            await socket.close()
        }
    }

    @Test("with closeOnAuthenticationExpiration, an expired token closes with {\"type\":7,\"allowReconnect\":true}")
    func tokenExpiry() async throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = NIOLockedValueBox(start)
        var configuration = HubFixture.fastConfiguration()
        configuration.closeOnAuthenticationExpiration = true
        configuration.now = { clock.withLockedValue { $0 } }
        let hub = HubFixture.makeHub(configuration: configuration, authenticator: { request in
            .accept(HubPrincipal(user: "u", accessToken: request.accessToken, expiresAt: start.addingTimeInterval(60)))
        })
        let recorder = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?access_token=t")
            try await socket.expectNoMessage(for: .milliseconds(200))
            clock.withLockedValue { $0 = start.addingTimeInterval(61) }
            let close = try await socket.waitForClose(timeout: .seconds(5))
            #expect(close.messages == [.close(CloseMessage(allowReconnect: true))])
            try await eventually { recorder.disconnectCount == 1 }
            #expect(recorder.errors.first as? HubConnectionError == .authenticationExpired)
        }
    }

    @Test("a client that stops reading is closed as a slow consumer once the queue limit is passed")
    func slowConsumer() async throws {
        var configuration = HubFixture.fastConfiguration()
        configuration.maximumQueuedBytes = 256 * 1024
        let hub = HubFixture.makeHub(configuration: configuration)
        let recorder = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let (socket, connection) = try await connect(hub, port)
            try await socket.channel.setOption(ChannelOptions.autoRead, value: false).get()
            let chunk = EncodedHubMessage.invocation("Flood", [try RawJSON(encoding: String(repeating: "x", count: 16 * 1024))])
            var accepted = 0
            for _ in 0..<20_000 {
                guard connection.send(chunk) else { break }
                accepted += 1
                if accepted % 64 == 0 { try await Task.sleep(for: .milliseconds(1)) }
            }
            #expect(accepted < 20_000)
            try await eventually { recorder.disconnectCount == 1 }
            #expect(recorder.errors.first as? HubConnectionError == .slowConsumer)
            await socket.close()
        }
    }
}
