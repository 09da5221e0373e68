import Testing
@testable import SignalRProtocol
import TestGate

@Suite("JSON hub protocol: lenient reading", .gated)
struct JSONHubProtocolDecodingTests {
    private func decode(_ text: String) throws -> HubMessage? {
        try JSONHubProtocol.decode(Array(text.utf8))
    }

    @Test func invocationInAnyPropertyOrderWithUnknownFields() throws {
        let message = try decode(#"{"arguments":["CON.F.US.EP.U25",{"lastPrice":5000.25}],"extra":{"x":[1,2]},"target":"GatewayQuote","type":1}"#)
        guard case .invocation(let invocation) = message else {
            Issue.record("expected an invocation, got \(String(describing: message))")
            return
        }
        #expect(invocation.invocationId == nil)
        #expect(invocation.target == "GatewayQuote")
        #expect(invocation.arguments.map(\.text) == ["\"CON.F.US.EP.U25\"", "{\"lastPrice\":5000.25}"])
    }

    @Test func headersAreReadAndNonStringHeadersIgnored() throws {
        let message = try decode(#"{"type":1,"headers":{"Foo":"Bar","n":1},"invocationId":"123","target":"Send","arguments":[42]}"#)
        guard case .invocation(let invocation) = message else {
            Issue.record("expected an invocation")
            return
        }
        #expect(invocation.headers == ["Foo": "Bar"])
        #expect(invocation.invocationId == "123")
    }

    @Test func completionOutcomes() throws {
        #expect(try decode(#"{"type":3,"invocationId":"1","result":42}"#) == .completion(.init(invocationId: "1", outcome: .result(try RawJSON(validating: "42")))))
        #expect(try decode(#"{"type":3,"invocationId":"1","result":null}"#) == .completion(.init(invocationId: "1", outcome: .result(.null))))
        #expect(try decode(#"{"type":3,"invocationId":"1","error":"boom"}"#) == .completion(.init(invocationId: "1", outcome: .error("boom"))))
        #expect(try decode(#"{"type":3,"invocationId":"1"}"#) == .completion(.init(invocationId: "1", outcome: .void)))
        #expect(try decode(#"{"type":3,"invocationId":"1","error":null}"#) == .completion(.init(invocationId: "1", outcome: .void)))
    }

    @Test func completionWithResultAndErrorIsRejected() {
        #expect(throws: HubProtocolError.self) { try decode(#"{"type":3,"invocationId":"1","result":1,"error":"x"}"#) }
    }

    @Test func unknownTypeIsIgnored() throws {
        #expect(try decode(#"{"type":42,"whatever":true}"#) == nil)
        #expect(try decode(#"{"type":6}"#) == .ping)
    }

    @Test func closeAckSequence() throws {
        #expect(try decode(#"{"type":7}"#) == .close(.init()))
        #expect(try decode(#"{"type":7,"error":"bye","allowReconnect":true}"#) == .close(.init(error: "bye", allowReconnect: true)))
        #expect(try decode(#"{"type":8,"sequenceId":1394}"#) == .ack(sequenceId: 1394))
        #expect(try decode(#"{"type":9,"sequenceId":1234}"#) == .sequence(sequenceId: 1234))
        #expect(try decode(#"{"type":6.0}"#) == .ping)
    }

    @Test(arguments: [
        "",
        "{",
        "[]",
        #"{"type":"1"}"#,
        #"{"target":"x","arguments":[]}"#,
        #"{"type":1,"arguments":[]}"#,
        #"{"type":1,"target":"","arguments":[]}"#,
        #"{"type":1,"target":"x"}"#,
        #"{"type":1,"invocationId":"","target":"x","arguments":[]}"#,
        #"{"type":2,"invocationId":"1"}"#,
        #"{"type":2,"item":1}"#,
        #"{"type":3}"#,
        #"{"type":4,"target":"x","arguments":[]}"#,
        #"{"type":5}"#,
        #"{"type":8}"#,
        #"{"type":8,"sequenceId":"a"}"#,
        #"{"type":1,"target":"x","arguments":[01]}"#,
        #"{"type":1,"target":"x","arguments":[tru]}"#,
        #"{"type":1,"target":"x","arguments":["\x"]}"#,
        #"{"type":1,"target":"x","arguments":[1,]}"#,
        #"{"type":1,"target":"x","arguments":[1]}garbage"#,
        #"{"type":7,"allowReconnect":"yes"}"#,
    ])
    func malformedMessagesAreRejected(_ text: String) {
        #expect(throws: HubProtocolError.self) { try decode(text) }
    }

    @Test func escapedStringsDecode() throws {
        let message = try decode(#"{"type":3,"invocationId":"a\"b\\c\u00e9\ud83d\ude00\/","error":"x\ny"}"#)
        #expect(message == .completion(.init(invocationId: "a\"b\\cé😀/", outcome: .error("x\ny"))))
    }

    @Test func deepNestingIsRefusedNotCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: HubProtocolError.self) { try decode(#"{"type":1,"target":"x","arguments":"# + deep + "}") }
    }

    @Test func handshakeResponses() throws {
        #expect(try HandshakeResponse.decode(Array("{}".utf8)[...]) == .success)
        #expect(try HandshakeResponse.decode(Array(#"{"minorVersion":1}"#.utf8)[...]) == .success)
        #expect(try HandshakeResponse.decode(Array(#"{"error":"nope"}"#.utf8)[...]).error == "nope")
        #expect(throws: HubProtocolError.self) { try HandshakeResponse.decode(Array(#"{"type":6}"#.utf8)[...]) }
        #expect(throws: HubProtocolError.self) { try HandshakeResponse.decode(Array("nope".utf8)[...]) }
        #expect(try HandshakeRequest.decode(Array(#"{"protocol":"json","version":1}"#.utf8)[...]) == HandshakeRequest())
        #expect(throws: HubProtocolError.self) { try HandshakeRequest.decode(Array(#"{"protocol":"json"}"#.utf8)[...]) }
    }
}
