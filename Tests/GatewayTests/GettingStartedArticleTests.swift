import Foundation
import Gateway
import GatewaySimulator
import MarketData
import Testing
import TestGate

/// The code of the Gateway catalog's article "Getting started with the Gateway SDK"
/// (`Sources/Gateway/Documentation.docc/GettingStarted.md`), run against the simulator over
/// loopback. The article builds its client with `.topstepX(credentials:)`; here the
/// configuration points at the simulator, and every other line is the article's. When the
/// article changes, change this test with it.
@Suite("The Gateway getting-started article's code works as it says", .gated, .timeLimit(.minutes(5)))
struct GettingStartedArticleTests {
    /// The article's own error type.
    enum SessionError: Error { case noTradableAccount, noTickSize, noQuote, notPlaced }

    @Test("log in, find a contract, stream quotes, place a tagged order, watch the account, cancel")
    func articleCode() async throws {
        let fixture = try await SimulatorFixture.start()
        defer { Task { await fixture.stop() } }

        // -- "Log in" --
        let client = GatewayClient(configuration: fixture.configuration)
        let expires = try await client.login()
        #expect(expires != nil)
        guard let account = try await client.accounts().first(where: \.canTrade) else { throw SessionError.noTradableAccount }

        // -- "Find a contract" --
        let es = try await client.resolveContract("ES")
        guard let grid = es.tickGrid else { throw SessionError.noTickSize }
        #expect(es.name.hasPrefix("ES"))
        #expect(grid.value == Decimal(string: "0.25"))

        // -- "Stream quotes" --
        let market = MarketHub(client: client)
        let events = market.events()
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        var lastBid: Decimal?
        for await event in events {
            switch event {
            case .quote(let contractId, let quote):
                if contractId == es.id, let bid = quote.bestBid { lastBid = bid }
            case .gap(let contractIds, let reason):
                print("data may be missing for \(contractIds): \(reason)")
            default:
                break
            }
            if lastBid != nil { break }
        }
        guard let bid = lastBid else { throw SessionError.noQuote }

        // -- "Watch the account" (started before the order, so the article's order shows in it) --
        let user = UserHub(client: client)
        try await user.start()
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user, marketHub: market)
        await monitor.start()
        _ = try await monitor.synchronized()

        // -- "Place an order safely" --
        var order = OrderRequest.limit(accountId: account.id, contractId: es.id, side: .buy, size: 1,
                                       price: grid.price(bid, movedBy: -20))
        order.customTag = OrderTag.generate(prefix: "mybot")
        let placed: PlacedOrder
        do {
            placed = try await client.placeOrder(order)
        } catch GatewayError.notExecuted(_, let reason, _) {
            print("not placed (\(reason)); nothing happened, safe to place again")
            throw SessionError.notPlaced
        } catch GatewayError.outcomeUnknown(_, let reason) {
            print("unknown (\(reason)): look at the account before doing anything else")
            throw SessionError.notPlaced
        }
        if placed.confirmation.isResolvedAfterAmbiguousFailure {
            print("the answer was lost; reading back found order \(placed.id)")
        }
        #expect(placed.customTag == order.customTag)
        #expect(placed.customTag.hasPrefix("mybot-"))

        // The monitor shows the order once the user hub's event has arrived.
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !monitor.snapshot.workingOrders.contains(where: { $0.id == placed.id }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let state = monitor.snapshot
        #expect(state.workingOrders.contains { $0.id == placed.id && $0.customTag == placed.customTag })

        // -- "Cancel and stop" --
        try await client.cancelOrder(accountId: account.id, orderId: placed.id)
        await monitor.stop()
        await user.stop()
        await market.stop()
        try await client.logout()
    }
}
