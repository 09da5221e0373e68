import Foundation
import SignalRProtocol
import SignalRServer
import Testing
import RawHubClient
import TestGate

@Suite("WebSocket upgrade", .gated)
struct UpgradeTests {
    @Test("the negotiated token opens the connection; a second socket for it gets 409")
    func negotiatedTokenThenConflict() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let negotiated = try await HubFixture.negotiatedConnection(port: port)
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?id=\(negotiated.transportId)")
            try await socket.invoke("ConnectionId")
            #expect(try await socket.nextMessage() == .completion(.init(invocationId: "1", outcome: .result(try RawJSON(encoding: negotiated.connectionId)))))

            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub?id=\(negotiated.transportId)") else {
                Issue.record("a second socket was accepted")
                return
            }
            #expect(status == 409)
            await socket.close()
        }
    }

    @Test("an unknown id gets 404")
    func unknownId() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub?id=not-a-token") else {
                Issue.record("accepted an unknown id")
                return
            }
            #expect(status == 404)
        }
    }

    @Test("an id whose connection ended gets 404")
    func finishedIdIsUnknown() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let negotiated = try await HubFixture.negotiatedConnection(port: port)
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?id=\(negotiated.transportId)")
            try await socket.sendClose()
            _ = try await socket.waitForClose()
            try await eventually { hub.connectionCount == 0 }
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub?id=\(negotiated.transportId)") else {
                Issue.record("reused a finished id")
                return
            }
            #expect(status == 404)
        }
    }

    @Test("a version 0 negotiation connects with its connection id")
    func versionZeroUsesConnectionId() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let negotiated = try await HubFixture.negotiatedConnection(port: port, version: 0)
            #expect(negotiated.connectionToken == nil)
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?id=\(negotiated.connectionId)")
            await socket.close()
        }
    }

    @Test("without an id the socket is a fresh connection (skipped negotiation)")
    func skipNegotiation() async throws {
        let hub = HubFixture.makeHub()
        try await HubFixture.withHub(hub) { port in
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub")
            try await socket.invoke("ConnectionId")
            guard case .completion(let completion) = try await socket.nextMessage(), case .result(let id) = completion.outcome else {
                Issue.record("no connection id")
                return
            }
            let connectionId = try id.decode(String.self)
            #expect(connectionId.count == 22)
            #expect(hub.connection(id: connectionId) != nil)
            await socket.close()
        }
    }

    @Test("a negotiated connection that never connects expires and then gets 404")
    func negotiationExpires() async throws {
        var configuration = HubFixture.fastConfiguration()
        configuration.negotiationTimeout = .milliseconds(200)
        try await HubFixture.withHub(HubFixture.makeHub(configuration: configuration)) { port in
            let negotiated = try await HubFixture.negotiatedConnection(port: port)
            try await Task.sleep(for: .milliseconds(300))
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub?id=\(negotiated.transportId)") else {
                Issue.record("an expired negotiation was accepted")
                return
            }
            #expect(status == 404)
        }
    }

    @Test("a rejected upgrade is a real HTTP response with the hook's status, never 101", arguments: [401, 403])
    func rejectedUpgrade(status: Int) async throws {
        let hub = HubFixture.makeHub(authenticator: { request in
            request.phase == .negotiate ? .accept(.anonymous) : .reject(.init(code: status))
        })
        try await HubFixture.withHub(hub) { port in
            let negotiated = try await HubFixture.negotiatedConnection(port: port)
            guard case .refused(let refused, let headers) = try await RawHubSocket.connect(port: port, target: "/hub?id=\(negotiated.transportId)") else {
                Issue.record("upgrade accepted")
                return
            }
            #expect(refused == status)
            #expect(headers["connection"] == "close")
            #expect((headers["www-authenticate"] == "Bearer") == (status == 401))
            // The refused upgrade did not consume the negotiated connection's slot.
            #expect(hub.connectionCount == 0)
        }
    }

    @Test("the upgrade reads access_token or Bearer and stores the principal on the connection")
    func upgradeAuthentication() async throws {
        let seen = RecordedRequests()
        let expiry = Date(timeIntervalSince1970: 2_000_000_000)
        let hub = HubFixture.makeHub(authenticator: { request in
            seen.append(request)
            guard let token = request.accessToken, token.hasPrefix("token-") else { return .reject(.unauthorized) }
            return .accept(HubPrincipal(user: String(token.dropFirst(6)), accessToken: token, expiresAt: expiry))
        })
        try await HubFixture.withHub(hub) { port in
            let byQuery = try await RawHubSocket.handshaken(port: port, target: "/hub?access_token=token-alice")
            try await byQuery.invoke("WhoAmI")
            #expect(try await byQuery.nextMessage() == .completion(.init(invocationId: "1", outcome: .result(try RawJSON(encoding: "alice")))))

            let byHeader = try await RawHubSocket.handshaken(port: port, target: "/hub", headers: [("Authorization", "Bearer token-bob")])
            try await byHeader.invoke("WhoAmI")
            #expect(try await byHeader.nextMessage() == .completion(.init(invocationId: "1", outcome: .result(try RawJSON(encoding: "bob")))))

            let principals = hub.connections.map(\.principal)
            #expect(Set(principals.compactMap(\.user)) == ["alice", "bob"])
            #expect(principals.allSatisfy { $0.expiresAt == expiry })
            #expect(principals.allSatisfy { !$0.description.contains("token-") })

            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub") else {
                Issue.record("accepted without a token")
                return
            }
            #expect(status == 401)
            await byQuery.close()
            await byHeader.close()
        }
        #expect(seen.requests.allSatisfy { $0.phase == .upgrade && $0.method == "GET" && $0.path == "/hub" })
    }

    @Test("the upgrade must come from the negotiating user (403 otherwise)")
    func upgradeByAnotherUser() async throws {
        let hub = HubFixture.makeHub(authenticator: { request in
            .accept(HubPrincipal(user: request.accessToken))
        })
        try await HubFixture.withHub(hub) { port in
            let response = try await HubFixture.negotiate(port: port, query: "negotiateVersion=1&access_token=alice")
            guard case .connection(let negotiated) = try NegotiateResponse.decode(Array(response.body.utf8)[...]) else {
                Issue.record("no connection")
                return
            }
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub?id=\(negotiated.transportId)&access_token=mallory") else {
                Issue.record("another user took the connection")
                return
            }
            #expect(status == 403)
            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?id=\(negotiated.transportId)&access_token=alice")
            await socket.close()
        }
    }

    @Test("refuseNextUpgrades answers the next N upgrades with 401, then upgrades again")
    func refuseNextUpgrades() async throws {
        let hub = HubFixture.makeHub()
        hub.refuseNextUpgrades(2)
        try await HubFixture.withHub(hub) { port in
            for _ in 0..<2 {
                guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hub") else {
                    Issue.record("upgrade not refused")
                    return
                }
                #expect(status == 401)
            }
            let socket = try await RawHubSocket.handshaken(port: port)
            await socket.close()
        }
    }

    @Test("a malformed upgrade request (no Sec-WebSocket-Key) gets 400")
    func malformedUpgrade() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let status = try await RawHTTP.status(port: port, request: "GET /hub HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            #expect(status == 400)
        }
    }
}
