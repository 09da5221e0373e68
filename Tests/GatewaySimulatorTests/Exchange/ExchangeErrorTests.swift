import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Exchange error codes", .gated)
struct ExchangeErrorTests {
    @Test func placeErrorCodes() async {
        let fx = ExchangeFixture()
        await fx.market(6000)
        func code(_ outcome: PlaceOrderOutcome) -> Int? { outcome.failure?.code.rawValue }
        #expect(code(await fx.place(account: 42, type: .market, side: .bid)) == 1)
        #expect(code(await fx.place(account: breachedAccount, type: .market, side: .bid)) == 4)
        #expect(code(await fx.place(contract: "CON.F.US.XYZ.Z25", type: .market, side: .bid)) == 8)
        #expect(code(await fx.place(contract: "CON.F.US.EP.M25", type: .market, side: .bid)) == 9)
        #expect(code(await fx.place(type: .market, side: .bid, size: 0)) == 2)
        #expect(code(await fx.exchange.place(PlaceOrderCommand(accountId: practiceAccount, contractId: esContract, type: 9, side: 0, size: 1), by: fx.user)) == 2)
        #expect(code(await fx.exchange.place(PlaceOrderCommand(accountId: practiceAccount, contractId: esContract, type: 2, side: 3, size: 1), by: fx.user)) == 2)
        #expect(code(await fx.place(type: .limit, side: .bid, limit: 5990, tag: "dup")) == nil)
        #expect(code(await fx.place(type: .limit, side: .bid, limit: 5990, tag: "dup")) == 2)
        await fx.exchange.setMarketClosed(true)
        #expect(code(await fx.place(type: .market, side: .bid)) == 5)
    }

    @Test func accountsOfAnotherUserAreNotFound() async {
        let other = SimulatedUser(userName: "other", apiKey: "k", accounts: [AccountSeed(id: 99, name: "PRAC-99", balance: 1000)])
        let fx = ExchangeFixture { $0.users = [.standard, other] }
        await fx.market(6000)
        #expect(await fx.place(account: 99, type: .market, side: .bid).failure?.code == .accountNotFound)
        #expect(await fx.exchange.accounts(of: "other", onlyActive: false).map(\.id) == [99])
    }

    @Test func cancelRestrictions() async throws {
        let fx = ExchangeFixture()
        await fx.market(6000)
        for (account, message) in [(followerAccount, "Follower accounts cannot cancel orders"), (liveAccount, "Live accounts not supported")] {
            let id = try #require(await fx.place(account: account, type: .limit, side: .bid, limit: 5990).orderId)
            guard case .failure(let failure) = await fx.exchange.cancel(accountId: account, orderId: id, by: fx.user) else {
                Issue.record("cancel on \(account) must fail")
                continue
            }
            #expect(failure.code == .accountRejected && failure.message == message)
        }
        guard case .failure(let missing) = await fx.exchange.cancel(accountId: practiceAccount, orderId: 5, by: fx.user) else {
            Issue.record("cancel of a missing order must fail")
            return
        }
        #expect(missing.code == .orderNotFound)
        guard case .failure(let foreign) = await fx.exchange.cancel(accountId: 1, orderId: 5, by: fx.user) else {
            Issue.record("cancel on a missing account must fail")
            return
        }
        #expect(foreign.code == .accountNotFound)
    }

    @Test func closeErrorCodes() async {
        let fx = ExchangeFixture()
        await fx.market(6000)
        func closeCode(_ account: Int, _ contract: String) async -> Int? {
            if case .failure(let f) = await fx.exchange.closePosition(accountId: account, contractId: contract, by: fx.user) { return f.code.rawValue }
            return nil
        }
        func partialCode(_ size: Int, _ contract: String = esContract) async -> Int? {
            if case .failure(let f) = await fx.exchange.partiallyClosePosition(accountId: practiceAccount, contractId: contract, size: size, by: fx.user) { return f.code.rawValue }
            return nil
        }
        #expect(await closeCode(1, esContract) == 1)
        #expect(await closeCode(practiceAccount, esContract) == 2)
        #expect(await closeCode(practiceAccount, "CON.F.US.XYZ.Z25") == 3)
        #expect(await closeCode(practiceAccount, "CON.F.US.EP.M25") == 4)
        await fx.place(type: .market, side: .bid, size: 2)
        #expect(await partialCode(0) == 5)
        #expect(await partialCode(3) == 5)
        #expect(await partialCode(1, "CON.F.US.EP.M25") == 4)
        await fx.exchange.setMarketClosed(true)
        #expect(await partialCode(1) == 6)
        #expect(await closeCode(practiceAccount, esContract) == 5)
    }
}
