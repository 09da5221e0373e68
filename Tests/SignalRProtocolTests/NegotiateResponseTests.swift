import Testing
@testable import SignalRProtocol
import TestGate

@Suite("Negotiate responses", .gated)
struct NegotiateResponseTests {
    private func decode(_ text: String) throws -> NegotiateResponse {
        try NegotiateResponse.decode(Array(text.utf8)[...])
    }

    @Test func version1UsesConnectionToken() throws {
        let response = try decode(
            #"{"negotiateVersion":1,"connectionId":"pub","connectionToken":"secret","availableTransports":[{"transport":"WebSockets","transferFormats":["Text","Binary"]},{"transport":"LongPolling","transferFormats":["Text"]}],"future":1}"#
        )
        guard case .connection(let connection) = response else {
            Issue.record("expected a connection")
            return
        }
        #expect(connection.transportId == "secret")
        #expect(connection.connectionId == "pub")
        #expect(connection.offersWebSocketsText)
        #expect(connection.availableTransports.count == 2)
    }

    @Test func version0UsesConnectionId() throws {
        let response = try decode(#"{"connectionId":"abc","availableTransports":[{"transport":"WebSockets","transferFormats":["Text"]}]}"#)
        guard case .connection(let connection) = response else {
            Issue.record("expected a connection")
            return
        }
        #expect(connection.negotiateVersion == 0)
        #expect(connection.transportId == "abc")
    }

    @Test func redirectErrorAndOldServer() throws {
        #expect(try decode(#"{"url":"https://other/hub","accessToken":"t"}"#) == .redirect(url: "https://other/hub", accessToken: "t"))
        #expect(try decode(#"{"error":"This connection is not allowed."}"#) == .error("This connection is not allowed."))
        #expect(throws: HubProtocolError(NegotiateResponse.aspNetSignalRMessage)) {
            try decode(#"{"ProtocolVersion":"1.5","Url":"/signalr"}"#)
        }
    }

    @Test func missingRequiredFields() {
        #expect(throws: HubProtocolError.self) { try decode(#"{"negotiateVersion":1,"connectionId":"a","availableTransports":[]}"#) }
        #expect(throws: HubProtocolError.self) { try decode(#"{"negotiateVersion":1,"connectionToken":"a","availableTransports":[]}"#) }
        #expect(throws: HubProtocolError.self) { try decode(#"{"connectionId":"a"}"#) }
    }

    @Test func encodeRoundTrips() throws {
        let responses: [NegotiateResponse] = [
            .connection(.init(negotiateVersion: 1, connectionId: "a", connectionToken: "b", availableTransports: [.webSockets])),
            .connection(.init(negotiateVersion: 0, connectionId: "a", connectionToken: nil, availableTransports: [.webSockets])),
            .redirect(url: "http://x/hub", accessToken: "tok"),
            .redirect(url: "http://x/hub", accessToken: nil),
            .error("no"),
        ]
        for response in responses {
            #expect(try NegotiateResponse.decode(response.encoded()[...]) == response)
        }
        #expect(
            String(decoding: responses[0].encoded(), as: UTF8.self)
                == #"{"negotiateVersion":1,"connectionId":"a","connectionToken":"b","availableTransports":[{"transport":"WebSockets","transferFormats":["Text","Binary"]}]}"#
        )
    }

    @Test func aRedirectsAccessTokenIsNeverDescribed() throws {
        let response = try decode(#"{"url":"https://other.example/hub","accessToken":"redirect-secret-token"}"#)
        var dumped = ""
        dump(response, to: &dumped)
        for text in [String(describing: response), String(reflecting: response), dumped] {
            #expect(!text.contains("redirect-secret-token"), "\(text)")
            #expect(text.contains("<redacted>"))
        }
    }
}
