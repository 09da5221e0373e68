import Foundation
import Gateway
import GatewaySimulator
import MarketData
import Testing
import TestGate

/// The behaviours the 401 post-mortem names, over loopback against the simulator's hubs.
@Suite("MarketHub against the simulator", .gated)
struct MarketHubTests {
    private func fastMarket(_ configuration: inout SimulatorConfiguration) {
        configuration.market = MarketFeedConfiguration(seed: 7, tickInterval: .milliseconds(20), updatesPerContractPerTick: 1)
    }

    @Test func streamsQuotesTradesAndDepthWithContractIds() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribeAll(es.id)
        #expect(await log.wait { $0.isQuote(es.id) })
        #expect(await log.wait { $0.isDepth(es.id) })
        #expect(await log.wait(seconds: 15) { $0.isTrades(es.id) })

        // Depth starts with a Reset and builds a valid book.
        var book = OrderBook()
        for case .depth(let id, let entries) in log.all where id == es.id { book.apply(entries) }
        #expect(book.isValid)
        #expect((book.bestBid?.price ?? 0) < (book.bestAsk?.price ?? 0))
        #expect(market.statistics.malformed == 0)
        await market.stop()
        #expect(market.status == .stopped(error: nil))
    }

    @Test func unknownContractIsRefusedLoudlyAndKeptWanted() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let market = MarketHub(client: fixture.client(), options: FastHubs.market())
        try await market.start()
        // Sent at once only while connected (otherwise it waits for the next connection).
        #expect(await eventually { market.status.isLive })
        let error = await #expect(throws: HubError.self) { try await market.subscribe(.quotes, "CON.F.US.NOPE.Z99") }
        #expect(error?.code == .refused)
        #expect(error?.method == "SubscribeContractQuotes")
        #expect(error?.message.contains("was not found") == true, "\(String(describing: error))")
        // Kept wanted and retried; the status says so.
        #expect(await market.subscriptions == [MarketSubscription(.quotes, "CON.F.US.NOPE.Z99")])
        #expect(await market.refusedSubscriptions.keys.map(\.description) == ["quotes CON.F.US.NOPE.Z99"])
        guard case .degraded(let reason) = market.status else {
            Issue.record("expected degraded, got \(market.status)")
            return
        }
        #expect(reason.code == .refused && reason.message.contains("quotes CON.F.US.NOPE.Z99"))
        try await market.unsubscribe(.quotes, "CON.F.US.NOPE.Z99")
        #expect(market.status.isLive, "nothing refused any more: \(market.status)")
        await market.stop()
    }

    @Test func tokenAboutToExpireIsRefreshedBeforeConnecting() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let clock = ManualTime()
        let tokens = fixture.tokenManager(now: clock.now)
        _ = try await tokens.validToken()
        // One minute before exp, by the client's clock: the connect must refresh first.
        clock.advance(by: 24 * 3600 - 60)
        let market = MarketHub(url: fixture.configuration.marketHubURL, tokens: tokens, options: FastHubs.market())
        try await market.start()
        let statistics = await tokens.statistics
        #expect(statistics.validations == 1, "refreshed before connecting: \(statistics)")
        #expect(statistics.renewalsByValidate == 1)
        #expect(statistics.rejectionsReported == 0, "no 401 was needed to notice the expiry")
        await market.stop()
    }

    @Test func reconnectUsesTheCurrentTokenNotACapturedOne() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        let first = try await client.tokens.validToken()
        let second = try await client.tokens.refresh()
        #expect(first != second)
        // The first token is now useless; a connection that had kept it would get a 401.
        _ = await fixture.simulator.core.tokens.revoke(first)
        let dropped = ContinuousClock.now
        fixture.simulator.faults.send(.dropConnections(.market))
        #expect(await log.wait(since: dropped) { $0.isLive })
        #expect(await log.wait(since: dropped) { $0.isQuote(es.id) })
        #expect(await client.tokens.statistics.rejectionsReported == 0)
        await market.stop()
    }

    @Test func upgradeRefusedWith401IsRecoveredWithAFreshToken() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        fixture.simulator.faults.refuseNextUpgrades(1)
        let dropped = ContinuousClock.now
        fixture.simulator.faults.send(.dropConnections(.market))
        #expect(await log.wait(seconds: 5, since: dropped) { $0.isLive }, "reconnected within 5 s")
        let live = ContinuousClock.now
        #expect(await log.wait(seconds: 5, since: live) { $0.isQuote(es.id) }, "data flows again")
        let statistics = await client.tokens.statistics
        #expect(statistics.rejectionsReported == 1)
        #expect(statistics.logins == 2, "the refused token was replaced by a login")
        await market.stop()
    }

    @Test func tokenExpiryClosingTheHubIsRecoveredWithEverySubscription() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let contracts = [try await client.resolveContract("ES"), try await client.resolveContract("NQ")]
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        for contract in contracts { try await market.subscribeAll(contract.id) }
        #expect(await log.wait { $0.isDepth(contracts[1].id) })

        let expired = ContinuousClock.now
        await fixture.simulator.faults.expireAllTokens()
        #expect(await log.wait(since: expired) { $0.isGap })
        #expect(await log.wait(since: expired) { $0.isLive })
        for contract in contracts {
            #expect(await log.wait(since: expired) { $0.isQuote(contract.id) })
            #expect(await log.wait(since: expired) { $0.isDepth(contract.id) })
        }
        #expect(await market.subscriptions.count == 6)
        #expect(await client.tokens.statistics.logins >= 2)
        await market.stop()
    }

    @Test func stalledFeedTripsTheWatchdog() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market(staleFeedWindow: .milliseconds(800)))
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        #expect(await log.wait { $0.isQuote(es.id) })
        let stalled = ContinuousClock.now
        fixture.simulator.faults.stallFeed()
        #expect(await log.wait(seconds: 5, since: stalled) { event in
            if case .gap(let ids, let reason) = event { return ids.contains(es.id) && reason.contains("stale") }
            return false
        })
        #expect(market.statistics.staleReconnects >= 1)
        fixture.simulator.faults.resumeFeed()
        let resumed = ContinuousClock.now
        #expect(await log.wait(since: resumed) { $0.isQuote(es.id) })
        await market.stop()
    }

    @Test func serverCloseWithoutReconnectIsSupervisedBackUp() async throws {
        let fixture = try await SimulatorFixture.start(fastMarket)
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let es = try await client.resolveContract("ES")
        let market = MarketHub(client: client, options: FastHubs.market())
        let log = EventLog(market.events())
        try await market.start()
        try await market.subscribe(.quotes, es.id)
        let closed = ContinuousClock.now
        fixture.simulator.faults.send(.close(.market, allowReconnect: false, error: "going away"))
        #expect(await log.wait(since: closed) { $0.isGap })
        #expect(await log.wait(since: closed) { $0.isQuote(es.id) })
        await market.stop()
    }

    @Test func wrongCredentialsFailStartWithATypedError() async throws {
        let fixture = try await SimulatorFixture.start(credentials: Credentials(userName: "simtrader", apiKey: "nope"))
        defer { Task { await fixture.stop() } }
        let market = MarketHub(client: fixture.client(), options: FastHubs.market())
        do {
            try await market.start()
            Issue.record("start must fail without valid credentials")
        } catch let error as HubError {
            #expect(error.code == .tokenUnavailable, "\(error)")
            #expect("\(error)".contains("Login failed") || "\(error)".contains("token"), "\(error)")
            #expect(!"\(error)".contains("nope"))
        } catch {
            Issue.record("start must throw a HubError, not \(error)")
        }
        if case .stopped(let reason) = market.status {
            #expect(reason != nil)
        } else {
            Issue.record("status must say stopped with the reason, got \(market.status)")
        }
    }
}
