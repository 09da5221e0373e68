import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("MarketFeed", .gated)
struct MarketFeedTests {
    func makeFeed(seed: UInt64, clock: ManualClock = ManualClock(testEpoch), updates: Int = 1) -> MarketFeed {
        MarketFeed(
            catalog: ContractCatalog(asOf: testEpoch),
            configuration: MarketFeedConfiguration(seed: seed, updatesPerContractPerTick: updates), clock: clock.wallClock
        )
    }

    func collect(_ feed: MarketFeed, contract: String, steps: Int) async -> [SimMarketEvent] {
        let subscription = feed.subscribe(bufferSize: 100_000)
        subscription.subscribeQuotes(contract)
        subscription.subscribeTrades(contract)
        subscription.subscribeDepth(contract)
        for _ in 0..<steps { feed.step() }
        subscription.cancel()
        var events: [SimMarketEvent] = []
        for await event in subscription.events { events.append(event) }
        return events
    }

    @Test func deterministicForASeed() async {
        let a = await collect(makeFeed(seed: 11), contract: esContract, steps: 300)
        let b = await collect(makeFeed(seed: 11), contract: esContract, steps: 300)
        let c = await collect(makeFeed(seed: 12), contract: esContract, steps: 300)
        #expect(a.count > 300)
        #expect(a == b)
        #expect(a != c)
    }

    /// Whether `price` is a whole number of quarter points (ES's grid), in exact integers.
    private func onQuarterGrid(_ price: FixedDecimal) -> Bool {
        price.places <= 2 && (price.units * [100, 10, 1][price.places]) % 25 == 0
    }

    @Test func eventsHaveGatewayShapes() async throws {
        let events = await collect(makeFeed(seed: 5), contract: esContract, steps: 200)
        guard case .quote(let firstId, _) = events.first, case .depth(_, let snapshot) = events.dropFirst().first else {
            Issue.record("expected the current quote, then a depth snapshot")
            return
        }
        #expect(firstId == esContract)
        #expect(snapshot.first?.type == SimDomType.reset.rawValue)
        #expect(snapshot.filter { $0.type == SimDomType.ask.rawValue }.count == 10)
        #expect(snapshot.filter { $0.type == SimDomType.bid.rawValue }.count == 10)
        let asks = snapshot.filter { $0.type == SimDomType.ask.rawValue }.map(\.price)
        let bids = snapshot.filter { $0.type == SimDomType.bid.rawValue }.map(\.price)
        #expect(asks == asks.sorted())
        #expect(bids == bids.sorted(by: >))
        #expect(asks.first.map { ask in bids.first.map { ask.decimal - $0.decimal == dec("0.25") } ?? false } == true)
        var sawTrade = false
        for event in events {
            #expect(event.contractId == esContract)
            switch event {
            case .quote(_, let quote):
                #expect(quote.symbol == "F.US.EP")
                #expect(quote.symbolName == "/ES")
                #expect(quote.bestAsk.decimal - quote.bestBid.decimal == dec("0.25"))
                #expect(onQuarterGrid(quote.lastPrice), "\(quote.lastPrice) is on ES's grid")
                #expect(quote.low <= quote.lastPrice && quote.lastPrice <= quote.high)
                #expect(ISOTimestamp.parse(quote.timestamp) != nil)
            case .trades(_, let trades):
                sawTrade = true
                #expect(trades.count == 1)
                #expect(trades.allSatisfy { $0.symbolId == "F.US.EP" && ($0.type == 0 || $0.type == 1) && $0.volume > 0 })
            case .depth(_, let entries):
                #expect(!entries.isEmpty)
                #expect(entries.allSatisfy { SimDomType(rawValue: $0.type) != nil && onQuarterGrid($0.price) })
            }
        }
        #expect(sawTrade)
        let json = String(decoding: try JSONEncoder().encode(snapshot[0]), as: UTF8.self)
        for key in ["timestamp", "type", "price", "volume", "currentVolume"] { #expect(json.contains("\"\(key)\"")) }
    }

    @Test func subscriptionsFilterByContractAndKind() async {
        let feed = makeFeed(seed: 5)
        let subscription = feed.subscribe()
        subscription.subscribeTrades(mesContract)
        #expect(subscription.subscribeTrades("CON.F.US.NOPE.Z25") == false)
        for _ in 0..<50 { feed.step() }
        subscription.cancel()
        var kinds = Set<String>()
        for await event in subscription.events {
            #expect(event.contractId == mesContract)
            kinds.insert(event.hubMethod)
        }
        #expect(kinds == ["GatewayTrade"])
        #expect(feed.subscriberCount == 0)
    }

    @Test func stallStopsPublicationButNotTheMarket() async {
        let feed = makeFeed(seed: 5)
        let subscription = feed.subscribe()
        feed.setStalled(true)
        subscription.subscribeQuotes(esContract)
        let before = feed.touch(of: esContract)
        for _ in 0..<200 { feed.step() }
        #expect(feed.touch(of: esContract) != before)
        feed.setStalled(false)
        feed.step()
        subscription.cancel()
        var received: [SimMarketEvent] = []
        for await event in subscription.events { received.append(event) }
        #expect(received.count <= 1, "only events after resume")
        #expect(feed.statistics.generated > 200)
    }

    @Test func slowConsumerDropsOldestAndGetsSnapshots() async {
        let feed = makeFeed(seed: 5, updates: 5)
        let subscription = feed.subscribe(bufferSize: 4)
        subscription.subscribeDepth(esContract)
        for _ in 0..<100 { feed.step() }
        #expect(subscription.droppedCount > 0)
        #expect(feed.statistics.dropped == subscription.droppedCount)
        var iterator = subscription.events.makeAsyncIterator()
        for _ in 0..<4 {
            let event = await iterator.next()
            #expect(event?.isDepthSnapshot == true, "after a dropped depth event the next one is a full snapshot")
        }
        subscription.cancel()
    }

    @Test func scriptedMoveSetsTouch() throws {
        let feed = makeFeed(seed: 5)
        let summary = try #require(feed.move(contractId: esContract, to: 6100))
        let touch = try #require(summary.touches[esContract])
        #expect(touch.last == 24_400 && touch.bestBid == 24_400 && touch.bestAsk == 24_401)
        #expect(feed.move(contractId: esContract, to: dec("6100.1")) == nil)
        #expect(feed.quote(of: esContract)?.lastPrice == FixedDecimal(6100))
    }

    @Test func benchmarkEventRate() async {
        let feed = MarketFeed(catalog: ContractCatalog(asOf: testEpoch), configuration: .benchmark(seed: 1), clock: systemWallClock)
        let subscription = feed.subscribe(bufferSize: 65_536)
        for id in feed.contractIds {
            subscription.subscribeQuotes(id)
            subscription.subscribeTrades(id)
            subscription.subscribeDepth(id)
        }
        let consumer = Task {
            var count = 0
            for await _ in subscription.events { count += 1 }
            return count
        }
        let start = ContinuousClock.now
        var generated = 0
        while ContinuousClock.now - start < .milliseconds(800) {
            generated += feed.step().eventCount
        }
        let elapsed = ContinuousClock.now - start
        subscription.cancel()
        let consumed = await consumer.value
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("MarketFeed benchmark: \(generated) events in \(String(format: "%.2f", seconds)) s = \(Int(Double(generated) / seconds)) events/s generated; consumer received \(consumed), dropped \(feed.statistics.dropped)")
        #expect(generated > 0)
    }
}
