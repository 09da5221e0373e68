import Foundation
import Gateway
import GatewaySimulator
import Testing
import TestGate

@Suite("GatewayClient against the simulator over loopback", .gated)
struct GatewayClientTests {
    @Test func loginAccountsContractsAndBars() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()

        let expiry = try await client.login()
        let expires = try #require(expiry)
        #expect(expires.timeIntervalSinceNow > 23 * 3600, "the simulator issues 24 h tokens by default")
        #expect(try await client.ping())

        let accounts = try await client.accounts()
        #expect(!accounts.isEmpty)
        #expect(accounts.allSatisfy { $0.id > 0 && !$0.name.isEmpty })

        let es = try await client.searchContracts("ES")
        #expect(es.contains { $0.product == "EP" })
        #expect(es.count <= 20)
        #expect(try await client.searchContracts("ES", live: true).isEmpty, "the live tier is empty for practice credentials")
        let resolved = try await client.resolveContract("ES")
        #expect(resolved.symbolId == "F.US.EP")
        #expect(resolved.tickSize == dec("0.25") && resolved.tickValue == dec("12.5"))
        #expect(try await client.contract(id: resolved.id) == resolved)
        #expect(try await client.availableContracts().count >= 6)

        let now = Date()
        let bars = try await client.bars(contractId: resolved.id, unit: .minute, unitNumber: 5, from: now.addingTimeInterval(-6 * 3600), to: now, limit: 20)
        #expect(!bars.isEmpty && bars.count <= 20)
        #expect(bars == bars.sorted { $0.time < $1.time }, "returned oldest first")
        #expect(bars.allSatisfy { $0.low <= $0.open && $0.open <= $0.high && $0.low <= $0.close && $0.close <= $0.high })
    }

    @Test func wrongCredentialsAreATypedLoginFailure() async throws {
        let fixture = try await SimulatorFixture.start(credentials: Credentials(userName: "simtrader", apiKey: "wrong-key"))
        defer { Task { await fixture.stop() } }
        do {
            _ = try await fixture.client().accounts()
            Issue.record("a wrong API key must not log in")
        } catch let error as GatewayError {
            guard case .loginFailed(let code, let meaning, _) = error else {
                Issue.record("expected loginFailed, got \(error)")
                return
            }
            #expect(code != 0)
            #expect(!meaning.isEmpty)
            #expect(!"\(error)".contains("wrong-key"), "the key never appears in an error")
        }
    }

    @Test func unknownContractIsARejectionWithTheEndpointsMeaning() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        do {
            _ = try await fixture.client().contract(id: "CON.F.US.NOPE.Z99")
            Issue.record("an unknown contract must fail")
        } catch let error as GatewayError {
            #expect(error.codeMeaning == "ContractNotFound", "\(error)")
        }
    }

    @Test func placeFillCloseAndCancel() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let contract = try await client.resolveContract("MES")

        let orderId = try await client.placeOrder(.market(accountId: account.id, contractId: contract.id, side: .buy, size: 2)).id
        #expect(orderId > 0)
        let filled = try await client.order(accountId: account.id, orderId: orderId)
        #expect(filled.status == .filled)
        let positions = try await client.openPositions(accountId: account.id)
        let position = try #require(positions.first { $0.contractId == contract.id })
        #expect(position.type == .long && position.size == 2)

        try await client.partiallyClosePosition(accountId: account.id, contractId: contract.id, size: 1)
        #expect(try await client.openPositions(accountId: account.id).first { $0.contractId == contract.id }?.size == 1)
        try await client.closePosition(accountId: account.id, contractId: contract.id)
        #expect(try await client.openPositions(accountId: account.id).allSatisfy { $0.contractId != contract.id })

        let trades = try await client.trades(accountId: account.id, from: Date().addingTimeInterval(-3600))
        #expect(trades.count >= 3)
        #expect(trades.contains { $0.profitAndLoss == nil }, "the opening fill is a half-turn")
        #expect(trades.contains { $0.profitAndLoss != nil })

        // A resting limit far from the market, then modified and cancelled.
        let far = try await client.placeOrder(.limit(accountId: account.id, contractId: contract.id, side: .buy, size: 1, price: 100)).id
        #expect(try await client.openOrders(accountId: account.id).contains { $0.id == far })
        try await client.modifyOrder(OrderModification(accountId: account.id, orderId: far, limitPrice: 101))
        #expect(try await client.order(accountId: account.id, orderId: far).limitPrice == 101)
        try await client.cancelOrder(accountId: account.id, orderId: far)
        #expect(try await client.openOrders(accountId: account.id).allSatisfy { $0.id != far })
        do {
            try await client.cancelOrder(accountId: account.id, orderId: far)
            Issue.record("cancelling a cancelled order must be refused")
        } catch let error as GatewayError {
            #expect(error.codeMeaning != nil, "\(error)")
        }
        let page = try await client.queryOrders(OrderQuery(filter: .init(accountId: account.id), pageSize: 2))
        #expect(page.orders.count == 2)
        #expect((page.totalCount ?? 0) >= 2)
    }

    @Test func revokedTokenIsReplacedAndTheCallSucceeds() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        _ = try await client.accounts()
        await fixture.simulator.faults.revokeAllTokens()
        let accounts = try await client.accounts()
        #expect(!accounts.isEmpty)
        let statistics = await client.tokens.statistics
        #expect(statistics.logins == 2)
        #expect(statistics.rejectionsReported == 1)
    }

    @Test func expiredTokenIsReplacedAndTheCallSucceeds() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        _ = try await client.accounts()
        await fixture.simulator.faults.expireAllTokens()
        #expect(!(try await client.accounts()).isEmpty)
        #expect(await client.tokens.statistics.rejectionsReported == 1)
    }

    @Test func manyConcurrentCallsShareOneLogin() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 { group.addTask { try await client.accounts().count } }
            for try await count in group { #expect(count > 0) }
        }
        #expect(await client.tokens.statistics.logins == 1)
    }

    @Test func rateLimitedReadsAreAbsorbedAndWritesSurface() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first)
        fixture.simulator.faults.injectRateLimitBurst(requests: 2, duration: nil)
        #expect(!(try await client.accounts()).isEmpty, "two 429s, then success")

        let contract = try await client.resolveContract("MNQ").id
        fixture.simulator.faults.injectRateLimitBurst(requests: 1, duration: nil)
        do {
            _ = try await client.placeOrder(.market(accountId: account.id, contractId: contract, side: .buy, size: 1))
            Issue.record("a rate-limited order must surface, not be retried")
        } catch let error as GatewayError {
            guard case .rateLimited = error else {
                Issue.record("expected rateLimited, got \(error)")
                return
            }
        }
    }

    @Test func unreachableGatewayIsSaidSo() async throws {
        // A port that nothing listens on: bind one, then let it go.
        let fixture = try await SimulatorFixture.start()
        let configuration = fixture.configuration
        await fixture.stop()
        let client = GatewayClient(configuration: configuration)
        do {
            _ = try await client.accounts()
            Issue.record("a closed port must fail")
        } catch let error as GatewayError {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect("\(error)".contains("Check the API URL"))
        }
    }
}
