import Foundation
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import RawHubClient
import TestGate

@Suite("Hubs: connecting and authentication", .gated)
struct HubConnectionTests {
    @Test func negotiateThenConnectOnBothHubs() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            for hub in ["market", "user"] {
                let negotiated = try await sim.negotiate(hub, token: token)
                #expect(negotiated.status == 200)
                #expect(integer(negotiated.json["negotiateVersion"]) == 1)
                let connectionToken = try #require(negotiated.json["connectionToken"] as? String)
                #expect(connectionToken.count == 22)
                let transports = try #require(negotiated.json["availableTransports"] as? [[String: Any]])
                #expect(transports.map { $0["transport"] as? String } == ["WebSockets"])
                let socket = try await RawHubSocket.handshaken(port: sim.port, target: HubHarness.target(hub, token: token, id: connectionToken))
                await socket.close()
            }
            let versionZero = try await sim.negotiate("market", token: token, version: nil)
            #expect(integer(versionZero.json["negotiateVersion"]) == 0)
            #expect(versionZero.json["connectionToken"] == nil && versionZero.json["connectionId"] is String)
        }
    }

    @Test func skippedNegotiationWithQueryTokenOrBearerHeader() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let viaQuery = try await sim.connect("market", token: token)
            let completion = try await viaQuery.call("SubscribeContractQuotes", ["\"\(esContract)\""])
            #expect(completion.outcome == .void)
            #expect(try await viaQuery.nextInvocation("GatewayQuote").arguments.count == 2)
            let viaHeader = try await RawHubSocket.handshaken(port: sim.port, target: "/hubs/user", headers: [("Authorization", "Bearer \(token)")])
            #expect(try await viaHeader.call("SubscribeAccounts").outcome == .void)
            #expect(await sim.eventually { sim.hubs.marketHub?.connectionCount == 1 && sim.hubs.userHub?.connectionCount == 1 })
            await viaQuery.close()
            await viaHeader.close()
        }
    }

    @Test func theDefaultSimulatorServesTheHubs() async throws {
        let simulator = GatewaySimulator(configuration: testConfiguration(clock: ManualClock(testEpoch)))
        let port = try await simulator.start()
        let issued = await simulator.core.tokens.issue(for: SimulatedUser.defaultUserName)
        do {
            let socket = try await RawHubSocket.handshaken(port: port, target: HubHarness.target("market", token: issued.token))
            #expect(try await socket.call("SubscribeContractTrades", ["\"\(esContract)\""]).outcome == .void)
            await socket.close()
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hubs/user") else {
                Issue.record("an upgrade without a token was accepted")
                await simulator.stop()
                return
            }
            #expect(status == 401)
        } catch {
            await simulator.stop()
            throw error
        }
        await simulator.stop()
    }

    @Test func missingOrInvalidTokensGet401AtNegotiateAndUpgrade() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            var tampered = Array(token)
            tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
            let badTokens: [String?] = [nil, "", "not-a-jwt", String(tampered)]
            for hub in ["market", "user"] {
                for bad in badTokens {
                    let negotiated = try await sim.negotiate(hub, token: bad)
                    #expect(negotiated.status == 401, "negotiate \(hub) with \(bad ?? "no token")")
                    #expect(negotiated.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                    guard case .refused(let status, let headers) = try await sim.upgrade(hub, token: bad) else {
                        Issue.record("upgrade \(hub) accepted \(bad ?? "no token")")
                        continue
                    }
                    #expect(status == 401)
                    #expect(headers["www-authenticate"] == "Bearer")
                }
                guard case .refused(let status, _) = try await sim.upgrade(hub, token: nil, headers: [("Authorization", "Bearer \(String(tampered))")]) else {
                    Issue.record("a bad bearer header was accepted")
                    continue
                }
                #expect(status == 401)
            }
        }
    }

    @Test func expiredAndRevokedTokensGet401() async throws {
        try await withHubs { sim in
            let expiring = try await sim.login()
            sim.clock.advance(by: 86_400)
            #expect((try await sim.negotiate("market", token: expiring)).status == 401)
            guard case .refused(let expiredStatus, _) = try await sim.upgrade("user", token: expiring) else {
                Issue.record("an expired token was accepted")
                return
            }
            #expect(expiredStatus == 401)
            let revoked = try await sim.login()
            #expect((try await sim.post("/api/Auth/logout", token: revoked)).json["success"] as? Bool == true)
            #expect((try await sim.negotiate("user", token: revoked)).status == 401)
            guard case .refused(let revokedStatus, _) = try await sim.upgrade("market", token: revoked) else {
                Issue.record("a logged-out token was accepted")
                return
            }
            #expect(revokedStatus == 401)
        }
    }

    @Test func refusedUpgradeFaultAnswers401ThenRecovers() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let armed = try await sim.post("/admin/hubs/refuse-upgrades", ["count": 2])
            #expect(integer(armed.json["refusedUpgradesLeft"]) == 2)
            #expect((try await sim.negotiate("market", token: token)).status == 200, "negotiate is not refused")
            for hub in ["market", "user"] {
                guard case .refused(let status, _) = try await sim.upgrade(hub, token: token) else {
                    Issue.record("the refused-upgrade fault let \(hub) through")
                    continue
                }
                #expect(status == 401)
            }
            let socket = try await sim.connect("market", token: token)
            await socket.close()
        }
    }

    @Test func plainHTTPToAHubPath() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            #expect((try await sim.get("/hubs/market")).status == 401)
            let noId = try await sim.get("/hubs/market", token: token)
            #expect(noId.status == 400 && noId.text == "Connection ID required")
            let unknownId = try await sim.get("/hubs/user?id=abc", token: token)
            #expect(unknownId.status == 404 && unknownId.text == "No Connection with that ID")
            let negotiated = try await sim.negotiate("market", token: token)
            let id = try #require(negotiated.json["connectionToken"] as? String)
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: sim.port, target: HubHarness.target("market", token: token, id: id + "x")) else {
                Issue.record("an unknown connection id was accepted")
                return
            }
            #expect(status == 404)
        }
    }
}
