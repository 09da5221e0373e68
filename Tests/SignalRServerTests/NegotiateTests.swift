import Foundation
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

@Suite("Negotiate", .gated)
struct NegotiateTests {
    @Test("version 1 returns a connection id and a distinct token, each 22 base64url characters")
    func negotiateVersionOne() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let response = try await HubFixture.negotiate(port: port, query: "negotiateVersion=1")
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/json")
            guard case .connection(let connection) = try NegotiateResponse.decode(Array(response.body.utf8)[...]) else {
                Issue.record("not a connection: \(response.body)")
                return
            }
            #expect(connection.negotiateVersion == 1)
            let token = try #require(connection.connectionToken)
            #expect(token != connection.connectionId)
            for id in [token, connection.connectionId] {
                #expect(id.count == 22)
                #expect(id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            }
            #expect(connection.availableTransports == [.init(transport: "WebSockets", transferFormats: ["Text", "Binary"])])
            #expect(!response.body.contains("useStatefulReconnect"))
        }
    }

    @Test("a missing negotiateVersion means 0: no connectionToken", arguments: [nil, "negotiateVersion=0"])
    func negotiateVersionZero(query: String?) async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let response = try await HubFixture.negotiate(port: port, query: query)
            #expect(response.status == 200)
            #expect(response.body.contains("\"negotiateVersion\":0"))
            #expect(!response.body.contains("connectionToken"))
            guard case .connection(let connection) = try NegotiateResponse.decode(Array(response.body.utf8)[...]) else {
                Issue.record("not a connection")
                return
            }
            #expect(connection.transportId == connection.connectionId)
        }
    }

    @Test("a version above 1 is answered with 1")
    func negotiateVersionCapped() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let connection = try await HubFixture.negotiatedConnection(port: port, version: 7)
            #expect(connection.negotiateVersion == 1)
            #expect(connection.connectionToken != nil)
        }
    }

    @Test("an unparsable version gets ASP.NET Core's error")
    func negotiateInvalidVersion() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let response = try await HubFixture.negotiate(port: port, query: "negotiateVersion=abc")
            #expect(response.status == 200)
            #expect(try NegotiateResponse.decode(Array(response.body.utf8)[...]) == .error("The client requested an invalid protocol version 'abc'"))
        }
    }

    @Test("an error override answers {\"error\":...}")
    func negotiateErrorOverride() async throws {
        let hub = HubFixture.makeHub()
        hub.overrideNegotiate(.error("This connection is not allowed."))
        try await HubFixture.withHub(hub) { port in
            let response = try await HubFixture.negotiate(port: port)
            #expect(response.body == "{\"error\":\"This connection is not allowed.\"}")
            let again = try await HubFixture.negotiate(port: port)
            #expect(again.body == response.body)
        }
    }

    @Test("a redirect override answers {url, accessToken} the given number of times")
    func negotiateRedirectOverride() async throws {
        let hub = HubFixture.makeHub()
        hub.overrideNegotiate(.redirect(url: "http://127.0.0.1:1/other", accessToken: "redirect-token"), times: 1)
        try await HubFixture.withHub(hub) { port in
            let first = try await HubFixture.negotiate(port: port)
            #expect(try NegotiateResponse.decode(Array(first.body.utf8)[...]) == .redirect(url: "http://127.0.0.1:1/other", accessToken: "redirect-token"))
            let second = try await HubFixture.negotiate(port: port)
            #expect(second.body.contains("connectionId"))
        }
    }

    @Test("a status override answers with that status")
    func negotiateStatusOverride() async throws {
        let hub = HubFixture.makeHub()
        hub.overrideNegotiate(.status(.serviceUnavailable), times: 1)
        try await HubFixture.withHub(hub) { port in
            let first = try await HubFixture.negotiate(port: port)
            let second = try await HubFixture.negotiate(port: port)
            #expect(first.status == 503)
            #expect(second.status == 200)
        }
    }

    @Test("the authentication hook rejects negotiate with 401 and reads Bearer or access_token")
    func negotiateAuthentication() async throws {
        let seen = RecordedRequests()
        let hub = HubFixture.makeHub(authenticator: { request in
            seen.append(request)
            return request.accessToken == "good" ? .accept(HubPrincipal(user: "u1", accessToken: request.accessToken)) : .reject(.unauthorized)
        })
        try await HubFixture.withHub(hub) { port in
            let refused = try await HubFixture.negotiate(port: port)
            #expect(refused.status == 401)
            #expect(refused.headers["www-authenticate"] == "Bearer")
            let bearer = try await HubFixture.negotiate(port: port, headers: [("Authorization", "Bearer good")])
            #expect(bearer.status == 200)
            let query = try await HubFixture.negotiate(port: port, query: "negotiateVersion=1&access_token=good")
            #expect(query.status == 200)
            let wrong = try await HubFixture.negotiate(port: port, headers: [("Authorization", "Bearer bad")])
            #expect(wrong.status == 401)
        }
        #expect(seen.requests.allSatisfy { $0.phase == .negotiate && $0.method == "POST" && $0.path == "/hub/negotiate" })
        #expect(seen.requests.count == 4)
    }
}
