import Testing
@testable import SignalRProtocol
import TestGate

@Suite("JSON hub protocol: strict writing", .gated)
struct JSONHubProtocolEncodingTests {
    private func text(_ message: HubMessage) -> String {
        String(decoding: JSONHubProtocol.encode(message), as: UTF8.self)
    }

    private func json(_ text: String) throws -> RawJSON { try RawJSON(validating: text) }

    @Test func invocationWithId() throws {
        let message = HubMessage.invocation(.init(invocationId: "0", target: "Send", arguments: [try json("42"), try json("\"hi\"")]))
        #expect(text(message) == "{\"type\":1,\"invocationId\":\"0\",\"target\":\"Send\",\"arguments\":[42,\"hi\"]}\u{1E}")
    }

    @Test func nonBlockingInvocationOmitsId() throws {
        let message = HubMessage.invocation(.init(target: "Send", arguments: [try json("42")]))
        #expect(text(message) == "{\"type\":1,\"target\":\"Send\",\"arguments\":[42]}\u{1E}")
    }

    @Test func invocationWithStreamIdsAndHeaders() throws {
        let message = HubMessage.invocation(
            .init(invocationId: "1", target: "Upload", arguments: [], streamIds: ["2"], headers: ["Foo": "Bar"])
        )
        #expect(
            text(message)
                == "{\"type\":1,\"headers\":{\"Foo\":\"Bar\"},\"invocationId\":\"1\",\"target\":\"Upload\",\"arguments\":[],\"streamIds\":[\"2\"]}\u{1E}"
        )
    }

    @Test func streamItemCompletionCancelPingClose() throws {
        #expect(text(.streamItem(.init(invocationId: "2", item: try json("5")))) == "{\"type\":2,\"invocationId\":\"2\",\"item\":5}\u{1E}")
        #expect(text(.completion(.init(invocationId: "2", outcome: .void))) == "{\"type\":3,\"invocationId\":\"2\"}\u{1E}")
        #expect(text(.completion(.init(invocationId: "1", outcome: .result(try json("42"))))) == "{\"type\":3,\"invocationId\":\"1\",\"result\":42}\u{1E}")
        #expect(
            text(.completion(.init(invocationId: "1", outcome: .error("It didn't work!"))))
                == "{\"type\":3,\"invocationId\":\"1\",\"error\":\"It didn't work!\"}\u{1E}"
        )
        #expect(text(.cancelInvocation(.init(invocationId: "3"))) == "{\"type\":5,\"invocationId\":\"3\"}\u{1E}")
        #expect(text(.ping) == "{\"type\":6}\u{1E}")
        #expect(text(.close(.init())) == "{\"type\":7}\u{1E}")
        #expect(
            text(.close(.init(error: "Connection closed with an error.", allowReconnect: true)))
                == "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}\u{1E}"
        )
        #expect(text(.close(.init(error: nil, allowReconnect: false))) == "{\"type\":7}\u{1E}")
        #expect(text(.ack(sequenceId: 1394)) == "{\"type\":8,\"sequenceId\":1394}\u{1E}")
        #expect(text(.sequence(sequenceId: 1234)) == "{\"type\":9,\"sequenceId\":1234}\u{1E}")
    }

    @Test func streamInvocation() throws {
        let message = HubMessage.streamInvocation(.init(invocationId: "7", target: "Counter", arguments: [try json("10")]))
        #expect(text(message) == "{\"type\":4,\"invocationId\":\"7\",\"target\":\"Counter\",\"arguments\":[10]}\u{1E}")
    }

    @Test func stringsAreEscaped() {
        let message = HubMessage.completion(.init(invocationId: "q\"\\", outcome: .error("line\nbreak\u{01}\ttab é")))
        #expect(text(message) == "{\"type\":3,\"invocationId\":\"q\\\"\\\\\",\"error\":\"line\\nbreak\\u0001\\ttab é\"}\u{1E}")
    }

    @Test func handshakeBytes() {
        #expect(HandshakeRequest().encoded() == Array("{\"protocol\":\"json\",\"version\":1}\u{1E}".utf8))
        #expect(HandshakeResponse.success.encoded() == [0x7B, 0x7D, 0x1E])
        #expect(
            HandshakeResponse(error: "The protocol 'x' is not supported.").encoded()
                == Array("{\"error\":\"The protocol 'x' is not supported.\"}\u{1E}".utf8)
        )
    }

    @Test func rawJSONFromEncodable() throws {
        let value = try RawJSON(encoding: ["a": 1])
        #expect(value.text == "{\"a\":1}")
        #expect(try value.decode([String: Int].self) == ["a": 1])
        #expect(RawJSON.null.isNull)
    }
}
