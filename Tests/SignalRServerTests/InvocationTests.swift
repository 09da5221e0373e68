import SignalRProtocol
import SignalRServer
import NIOConcurrencyHelpers
import Testing
import RawHubClient
import TestGate

@Suite("Invocations", .gated)
struct InvocationTests {
    private func completion(_ id: String, _ outcome: CompletionMessage.Outcome) -> HubMessage {
        .completion(CompletionMessage(invocationId: id, outcome: outcome))
    }

    @Test("a method's result comes back in a Completion")
    func invocationResult() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke("Add", ["2", "3"], id: "0")
            #expect(try await socket.nextRecord() == Array("{\"type\":3,\"invocationId\":\"0\",\"result\":5}".utf8)[...])
            await socket.close()
        }
    }

    @Test("a void method gets a Completion with neither result nor error")
    func invocationVoid() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke("Void", [], id: "9")
            #expect(try await socket.nextRecord() == Array("{\"type\":3,\"invocationId\":\"9\"}".utf8)[...])
            await socket.close()
        }
    }

    @Test("errors: unknown method, thrown error, HubException, bad arguments")
    func invocationErrors() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke("Nope", [], id: "1")
            #expect(try await socket.nextMessage() == completion("1", .error("Unknown hub method 'Nope'")))
            try await socket.invoke("Fail", [], id: "2")
            #expect(try await socket.nextMessage() == completion("2", .error("An unexpected error occurred invoking 'Fail' on the server.")))
            try await socket.invoke("FailHub", [], id: "3")
            #expect(try await socket.nextMessage() == completion("3", .error("An unexpected error occurred invoking 'FailHub' on the server. HubException: Size must be positive.")))
            try await socket.invoke("Add", ["\"two\"", "3"], id: "4")
            #expect(try await socket.nextMessage() == completion("4", .error("Failed to invoke 'Add' due to an error on the server.")))
            try await socket.invoke("Add", ["1"], id: "5")
            #expect(try await socket.nextMessage() == completion("5", .error("Failed to invoke 'Add' due to an error on the server.")))
            try await socket.invoke("Counter", ["2"], id: "6")
            #expect(try await socket.nextMessage() == completion("6", .error("The client attempted to invoke the streaming 'Counter' method with a non-streaming invocation.")))
            await socket.close()
        }
    }

    @Test("detailed errors add the error's type and text")
    func detailedErrors() async throws {
        var configuration = HubFixture.fastConfiguration()
        configuration.enableDetailedErrors = true
        try await HubFixture.withHub(HubFixture.makeHub(configuration: configuration)) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke("Fail", [], id: "1")
            #expect(try await socket.nextMessage() == completion("1", .error("An unexpected error occurred invoking 'Fail' on the server. TestError: boom")))
            await socket.close()
        }
    }

    @Test("method names match case-insensitively", arguments: ["add", "ADD", "aDd"])
    func caseInsensitiveDispatch(name: String) async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke(name, ["20", "22"], id: "1")
            #expect(try await socket.nextMessage() == completion("1", .result(try RawJSON(validating: "42"))))
            await socket.close()
        }
    }

    @Test("a fire-and-forget invocation runs but is never answered, even when it fails")
    func fireAndForget() async throws {
        let hub = HubFixture.makeHub()
        let calls = NIOLockedValueBox(0)
        hub.on("Record") { _ in
            calls.withLockedValue { $0 += 1 }
            return try RawJSON(encoding: "ignored")
        }
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.invoke("Record", [], id: nil)
            try await socket.invoke("Fail", [], id: nil)
            try await socket.invoke("Nope", [], id: nil)
            try await socket.invoke("Void", [], id: "last")
            // Invocations run in order, so the only answer is the last one's.
            #expect(try await socket.nextMessage() == completion("last", .void))
            #expect(calls.withLockedValue { $0 } == 1)
            try await socket.expectNoMessage(for: .milliseconds(200))
            await socket.close()
        }
    }

    @Test("headers on an invocation are ignored")
    func headersIgnored() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.sendText("{\"type\":1,\"headers\":{\"Foo\":\"Bar\"},\"invocationId\":\"123\",\"target\":\"Echo\",\"arguments\":[42]}\u{1e}")
            #expect(try await socket.nextMessage() == completion("123", .result(try RawJSON(validating: "42"))))
            await socket.close()
        }
    }

    @Test("a stream sends its items, then a Completion without result")
    func streaming() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.streamInvocation(.init(invocationId: "s1", target: "counter", arguments: [try RawJSON(validating: "3")])))
            for value in 0..<3 {
                #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "s1", item: try RawJSON(encoding: value))))
            }
            #expect(try await socket.nextMessage() == completion("s1", .void))
            await socket.close()
        }
    }

    @Test("stream errors and mismatched invocation kinds")
    func streamingErrors() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.streamInvocation(.init(invocationId: "a", target: "FailingStream", arguments: [])))
            #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "a", item: try RawJSON(validating: "1"))))
            #expect(try await socket.nextMessage() == completion("a", .error("An error occurred on the server while streaming results. HubException: Feed lost.")))
            try await socket.send(.streamInvocation(.init(invocationId: "b", target: "Add", arguments: [])))
            #expect(try await socket.nextMessage() == completion("b", .error("The client attempted to invoke the non-streaming 'Add' method with a streaming invocation.")))
            try await socket.send(.streamInvocation(.init(invocationId: "c", target: "Nope", arguments: [])))
            #expect(try await socket.nextMessage() == completion("c", .error("Unknown hub method 'Nope'")))
            await socket.close()
        }
    }

    @Test("CancelInvocation stops a stream, which ends with a Completion")
    func streamCancel() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.streamInvocation(.init(invocationId: "f", target: "Forever", arguments: [])))
            #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "f", item: try RawJSON(validating: "0"))))
            #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "f", item: try RawJSON(validating: "1"))))
            try await socket.send(.cancelInvocation(.init(invocationId: "f")))
            var last = try await socket.nextMessage()
            while case .streamItem = last { last = try await socket.nextMessage() }
            #expect(last == completion("f", .void))
            try await socket.expectNoMessage(for: .milliseconds(150))
            // Other calls still work, and a cancel for an unknown id is ignored.
            try await socket.send(.cancelInvocation(.init(invocationId: "unknown")))
            try await socket.invoke("Void", [], id: "v")
            #expect(try await socket.nextMessage() == completion("v", .void))
            await socket.close()
        }
    }

    @Test("a stream from an AsyncSequence")
    func sequenceStream() async throws {
        let hub = HubFixture.makeHub()
        hub.onStream("Letters") { _ in
            AsyncStream<RawJSON> { continuation in
                for letter in ["a", "b"] { continuation.yield((try? RawJSON(encoding: letter)) ?? .null) }
                continuation.finish()
            }
        }
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.send(.streamInvocation(.init(invocationId: "l", target: "Letters", arguments: [])))
            #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "l", item: try RawJSON(encoding: "a"))))
            #expect(try await socket.nextMessage() == .streamItem(.init(invocationId: "l", item: try RawJSON(encoding: "b"))))
            #expect(try await socket.nextMessage() == completion("l", .void))
            await socket.close()
        }
    }

    @Test("a message over the maximum size closes the connection with an error Close", arguments: [false, true])
    func maximumMessageSize(detailed: Bool) async throws {
        var configuration = HubFixture.fastConfiguration()
        configuration.enableDetailedErrors = detailed
        let hub = HubFixture.makeHub(configuration: configuration)
        let reasons = DisconnectRecorder(hub)
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            let big = String(repeating: "x", count: 33 * 1024)
            try await socket.invoke("Echo", ["\"\(big)\""], id: "1")
            let close = try await socket.waitForClose()
            var expected = "Connection closed with an error."
            if detailed {
                expected += " InvalidDataException: The maximum message size of 32768B was exceeded. The message size can be configured in AddHubOptions."
            }
            #expect(close.messages == [.close(CloseMessage(error: expected, allowReconnect: true))])
            #expect(close.sawCloseFrame && close.code == 1000)
            try await eventually { reasons.errors.count == 1 }
            #expect(reasons.errors.first as? HubConnectionError == .messageTooLarge(limit: 32768))
        }
    }

    @Test("a message that is not the JSON hub protocol closes the connection with an error Close")
    func malformedMessage() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.sendText("{\"type\":1,\"target\":\"Echo\"\u{1e}")
            let close = try await socket.waitForClose()
            #expect(close.messages == [.close(CloseMessage(error: "Connection closed with an error.", allowReconnect: true))])
        }
    }

    @Test("unknown message types and fields are ignored")
    func lenientReading() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let socket = try await RawHubSocket.handshaken(port: port)
            try await socket.sendText("{\"type\":99,\"whatever\":true}\u{1e}{\"type\":1,\"invocationId\":\"1\",\"target\":\"Void\",\"arguments\":[],\"future\":{\"a\":1}}\u{1e}")
            #expect(try await socket.nextMessage() == completion("1", .void))
            await socket.close()
        }
    }
}
