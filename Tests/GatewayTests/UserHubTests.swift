import Foundation
import Gateway
import GatewaySimulator
import Testing
import TestGate

@Suite("UserHub against the simulator", .gated)
struct UserHubTests {
    @Test func orderPositionAndTradeEventsSurviveADroppedConnection() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        let user = UserHub(client: client, options: FastHubs.hub)
        let log = EventLog(user.events())
        try await user.start()
        try await user.subscribeAll(accountId: account.id)

        let placed = ContinuousClock.now
        try await client.placeOrder(.market(accountId: account.id, contractId: mes.id, side: .buy, size: 1))
        #expect(await log.wait(since: placed) { $0.isOrder })
        #expect(await log.wait(since: placed) { $0.isPosition })
        #expect(await log.wait(since: placed) { $0.isTrade })

        let dropped = ContinuousClock.now
        fixture.simulator.faults.send(.dropConnections(.user))
        #expect(await log.wait(since: dropped) { $0.isLive })
        let closed = ContinuousClock.now
        try await client.closePosition(accountId: account.id, contractId: mes.id)
        #expect(await log.wait(since: closed) { event in
            if case .position(let position) = event { return position.size == 0 || position.contractId == mes.id }
            return false
        })
        #expect(await log.wait(since: closed) { $0.isTrade })
        #expect(await user.subscriptions.count == 4)
        await user.stop()
    }

    @Test func revokedSessionLogsInAgainAndRestoresSubscriptions() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let user = UserHub(client: client, options: FastHubs.hub)
        let log = EventLog(user.events())
        try await user.start()
        try await user.subscribe(.orders(accountId: account.id))
        let revoked = ContinuousClock.now
        await fixture.simulator.faults.revokeAllTokens()
        #expect(await log.wait(since: revoked) { $0.isLive })
        #expect(await client.tokens.statistics.logins == 2)
        let placed = ContinuousClock.now
        let mes = try await client.resolveContract("MES")
        try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 100))
        #expect(await log.wait(since: placed) { $0.isOrder })
        await user.stop()
    }

    @Test func aRevokedTokenNearExpiryFailsValidateAndLoginTakesOver() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        // The client's clock is moved, not waited for: the token is near its expiry at once.
        let clock = ManualTime()
        let tokens = fixture.tokenManager(now: clock.now)
        _ = try await tokens.validToken()
        await fixture.simulator.faults.revokeAllTokens()
        clock.advance(by: 24 * 3600 - 60)
        _ = try await tokens.validToken()
        let statistics = await tokens.statistics
        #expect(statistics.validations == 1)
        #expect(statistics.renewalsByValidate == 0)
        #expect(statistics.logins == 2)
    }
}
