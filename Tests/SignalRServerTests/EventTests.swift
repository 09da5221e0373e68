import SignalRProtocol
import SignalRServer
import Testing
import RawHubClient
import TestGate

@Suite("Server-to-client events", .gated)
struct EventTests {
    private func event(_ target: String, _ argument: String) throws -> HubMessage {
        .invocation(InvocationMessage(target: target, arguments: [try RawJSON(encoding: argument)]))
    }

    /// Opens a handshaken socket and returns it with its connection id.
    private func connect(_ port: Int) async throws -> (RawHubSocket, String) {
        let socket = try await RawHubSocket.handshaken(port: port)
        try await socket.invoke("ConnectionId", [], id: "id")
        guard case .completion(let completion) = try await socket.nextMessage(), case .result(let id) = completion.outcome else {
            throw RawHubSocket.Failure("no connection id")
        }
        return (socket, try id.decode(String.self))
    }

    @Test("an event to one connection reaches only it, without invocationId")
    func sendToOne() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (first, firstId) = try await connect(port)
            let (second, _) = try await connect(port)
            #expect(hub.send("Note", [try RawJSON(encoding: "hello")], toConnection: firstId))
            #expect(try await first.nextRecord() == Array("{\"type\":1,\"target\":\"Note\",\"arguments\":[\"hello\"]}".utf8)[...])
            try await second.expectNoMessage(for: .milliseconds(150))
            #expect(!hub.send("Note", [], toConnection: "nobody"))
            #expect(hub.connection(id: firstId)?.send("Direct", [try RawJSON(encoding: "x")]) == true)
            #expect(try await first.nextMessage() == event("Direct", "x"))
            await first.close()
            await second.close()
        }
    }

    @Test("an event to a group reaches its members only; membership follows joins, leaves and disconnects")
    func sendToGroup() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (member, memberId) = try await connect(port)
            let (other, otherId) = try await connect(port)
            try await member.invoke("Join", ["\"quotes\""], id: "j")
            #expect(try await member.nextMessage() == .completion(.init(invocationId: "j", outcome: .void)))
            #expect(hub.connectionIds(inGroup: "quotes") == [memberId])
            #expect(hub.connection(id: memberId)?.groups == ["quotes"])

            #expect(hub.send("Quote", [try RawJSON(encoding: "ES")], toGroup: "quotes") == 1)
            #expect(try await member.nextMessage() == event("Quote", "ES"))
            try await other.expectNoMessage(for: .milliseconds(150))

            #expect(hub.addToGroup(otherId, group: "quotes"))
            #expect(hub.send("Quote", [try RawJSON(encoding: "NQ")], toGroup: "quotes") == 2)
            #expect(try await member.nextMessage() == event("Quote", "NQ"))
            #expect(try await other.nextMessage() == event("Quote", "NQ"))

            try await member.invoke("Leave", ["\"quotes\""], id: "l")
            #expect(try await member.nextMessage() == .completion(.init(invocationId: "l", outcome: .void)))
            #expect(hub.send("Quote", [try RawJSON(encoding: "YM")], toGroup: "quotes") == 1)
            #expect(try await other.nextMessage() == event("Quote", "YM"))
            try await member.expectNoMessage(for: .milliseconds(100))

            await other.close()
            try await eventually { hub.connectionIds(inGroup: "quotes").isEmpty }
            #expect(hub.send("Quote", [], toGroup: "quotes") == 0)
            #expect(hub.send("Quote", [], toGroup: "nobody") == 0)
            await member.close()
        }
    }

    @Test("an event to all reaches every connection, encoded once")
    func sendToAll() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (first, _) = try await connect(port)
            let (second, _) = try await connect(port)
            #expect(hub.sendToAll("Broadcast", [try RawJSON(encoding: "all")]) == 2)
            #expect(try await first.nextMessage() == event("Broadcast", "all"))
            #expect(try await second.nextMessage() == event("Broadcast", "all"))
            let encoded = EncodedHubMessage.invocation("Pre", [try RawJSON(encoding: "encoded")])
            #expect(hub.sendToAll(encoded) == 2)
            #expect(try await first.nextMessage() == event("Pre", "encoded"))
            #expect(try await second.nextMessage() == event("Pre", "encoded"))
            await first.close()
            await second.close()
        }
    }

    @Test("many events in a burst arrive complete and in order")
    func burstInOrder() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let (socket, id) = try await connect(port)
            for index in 0..<2000 {
                hub.send("Seq", [try RawJSON(encoding: index)], toConnection: id)
            }
            for index in 0..<2000 {
                #expect(try await socket.nextMessage() == .invocation(InvocationMessage(target: "Seq", arguments: [try RawJSON(encoding: index)])))
            }
            await socket.close()
        }
    }

    @Test("onConnected runs after the handshake and before the first message; onDisconnected after leaving groups")
    func lifecycleHooks() async throws {
        let hub = HubFixture.makeHub()
        hub.onConnected { connection in
            connection.addToGroup("everyone")
            connection.send("Welcome", [try RawJSON(encoding: connection.connectionId)])
        }
        let groupsAtDisconnect = GroupSnapshot()
        hub.onDisconnected { connection, _ in
            groupsAtDisconnect.record(hub.connectionIds(inGroup: "everyone"), connection.connectionId)
        }
        let recorder = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.open(port: port, target: "/hub")
            var frame = Array("{\"protocol\":\"json\",\"version\":1}\u{1e}".utf8)
            frame += JSONHubProtocol.encode(.invocation(.init(invocationId: "1", target: "Void", arguments: [])))
            try await socket.send(frame)
            #expect(try await socket.nextRecord() == Array("{}".utf8)[...])
            guard case .invocation(let welcome) = try await socket.nextMessage() else {
                Issue.record("no welcome")
                return
            }
            #expect(welcome.target == "Welcome")
            #expect(try await socket.nextMessage() == .completion(.init(invocationId: "1", outcome: .void)))
            let id = try welcome.arguments[0].decode(String.self)
            #expect(recorder.connectedIds == [id])
            #expect(hub.connectionIds(inGroup: "everyone") == [id])

            try await socket.sendClose()
            let close = try await socket.waitForClose()
            #expect(close.code == 1000)
            try await eventually { recorder.disconnectCount == 1 }
            #expect(recorder.disconnectedIds == [id])
            #expect(recorder.errors.isEmpty)
            #expect(groupsAtDisconnect.value?.members.isEmpty == true)
            #expect(hub.connectionCount == 0)
        }
    }

    @Test("onConnected throwing closes the connection with an error Close")
    func failingConnectedHook() async throws {
        let hub = HubFixture.makeHub()
        hub.onConnected { _ in throw HubException("No seats.") }
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            let close = try await socket.waitForClose()
            #expect(close.messages == [.close(CloseMessage(error: "Connection closed with an error. HubException: No seats.", allowReconnect: true))])
        }
    }

    @Test("a client's Close message ends the connection without a Close from the server")
    func clientClose() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.close(CloseMessage()))
            let close = try await socket.waitForClose()
            #expect(close.messages.isEmpty)
            #expect(close.sawCloseFrame)
            try await eventually { hub.connectionCount == 0 }
        }
    }
}
