import Foundation
import Testing
@testable import MarketData
import TestGate

@Suite("QuoteState merges partial quotes", .gated)
struct QuoteStateTests {
    private static let full = Quote(
        symbol: "F.US.EP", symbolName: "/ES", lastPrice: dec("5000.25"), bestBid: 5000, bestAsk: dec("5000.25"),
        change: 10, changePercent: dec("0.2"), open: 4990, high: 5005, low: 4988, volume: 1_000,
        lastUpdated: "2025-07-18T21:00:01Z", timestamp: "2025-07-18T21:00:01Z")

    @Test func startsEmpty() {
        let state = QuoteState()
        #expect(state.isEmpty)
        #expect(state.lastUpdate == nil)
        #expect(state.updateCount == 0)
    }

    @Test func nilFieldsKeepThePreviousValue() {
        var state = QuoteState()
        state.apply(Self.full)
        state.apply(Quote(lastPrice: dec("5000.5"), volume: 1_003))
        var expected = Self.full
        expected.lastPrice = dec("5000.5")
        expected.volume = 1_003
        #expect(state.quote == expected)
        #expect(state.updateCount == 2)
    }

    @Test func everyFieldCanBeUpdatedAlone() {
        let changes: [(Quote, (Quote) -> Bool)] = [
            (Quote(symbol: "F.US.MES"), { $0.symbol == "F.US.MES" }),
            (Quote(symbolName: "/MES"), { $0.symbolName == "/MES" }),
            (Quote(lastPrice: 1), { $0.lastPrice == 1 }),
            (Quote(bestBid: 2), { $0.bestBid == 2 }),
            (Quote(bestAsk: 3), { $0.bestAsk == 3 }),
            (Quote(change: 4), { $0.change == 4 }),
            (Quote(changePercent: 5), { $0.changePercent == 5 }),
            (Quote(open: 6), { $0.open == 6 }),
            (Quote(high: 7), { $0.high == 7 }),
            (Quote(low: 8), { $0.low == 8 }),
            (Quote(volume: 9), { $0.volume == 9 }),
            (Quote(lastUpdated: "2025-07-18T21:00:09Z"), { $0.lastUpdated == "2025-07-18T21:00:09Z" }),
            (Quote(timestamp: "2025-07-18T21:00:10Z"), { $0.timestamp == "2025-07-18T21:00:10Z" }),
        ]
        for (update, check) in changes {
            var state = QuoteState(initial: Self.full)
            state.apply(update)
            #expect(check(state.quote), "\(update)")
            // Exactly one field differs from the full quote.
            let mirror = Mirror(reflecting: state.quote).children.map { "\($0.value)" }
            let original = Mirror(reflecting: Self.full).children.map { "\($0.value)" }
            #expect(zip(mirror, original).filter { $0 != $1 }.count == 1, "\(update)")
        }
    }

    @Test func mergesDecodedPartialPayloads() throws {
        var state = QuoteState()
        state.apply(try decode(OneOrMany<Quote>.self, """
            {"symbol":"F.US.EP","symbolName":"/ES","lastPrice":5000.25,"bestBid":5000,"bestAsk":5000.25,
             "timestamp":"2025-07-18T21:00:01Z"}
            """))
        state.apply(try decode(OneOrMany<Quote>.self, #"{"bestBid":5000.25,"bestAsk":5000.5,"timestamp":"2025-07-18T21:00:02Z"}"#))
        state.apply(try decode(OneOrMany<Quote>.self, "null"))
        #expect(state.quote.symbol == "F.US.EP")
        #expect(state.quote.lastPrice == dec("5000.25"))
        #expect(state.quote.bestBid == dec("5000.25"))
        #expect(state.quote.bestAsk == dec("5000.5"))
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_402))
        #expect(state.updateCount == 2)
    }

    @Test func lastUpdateUsesTimestampThenLastUpdatedAndNeverGoesBack() {
        var state = QuoteState()
        state.apply(Quote(lastPrice: 1, lastUpdated: "2025-07-18T21:00:01Z"))
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_401))
        state.apply(Quote(lastPrice: 2, lastUpdated: "2025-07-18T21:00:05Z", timestamp: "2025-07-18T21:00:03Z"))
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_403))
        state.apply(Quote(lastPrice: 3))                                     // no time: kept
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_403))
        state.apply(Quote(lastPrice: 4, timestamp: "2025-07-18T21:00:02Z"))  // older: merged, time kept
        #expect(state.quote.lastPrice == 4)
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_403))
        state.apply(Quote(lastPrice: 5, timestamp: "garbage"))
        #expect(state.quote.timestamp == "garbage")
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_403))
    }

    @Test func initialQuoteSetsTheTime() {
        let state = QuoteState(initial: Self.full)
        #expect(!state.isEmpty)
        #expect(state.lastUpdate == Date(timeIntervalSince1970: 1_752_872_401))
    }

    @Test func mergingIsPure() {
        let base = Quote(lastPrice: 1, bestBid: dec("0.75"))
        let merged = base.merging(Quote(bestBid: 1))
        #expect(base.bestBid == dec("0.75"))
        #expect(merged == Quote(lastPrice: 1, bestBid: 1))
    }
}
