import Foundation
import Testing
@testable import MarketData
import TestGate

@Suite("BarAggregator builds UTC-aligned time bars", .gated)
struct BarAggregatorTests {
    private static let tenOClock = utc(2025, 7, 18, 10, 0, 0)

    private func at(_ seconds: Double) -> Date { Self.tenOClock.addingTimeInterval(seconds) }

    @Test func barsStartOnUTCBoundaries() {
        let time = utc(2025, 7, 18, 10, 3, 20.5)
        #expect(BarAggregator(period: .seconds(15)).periodStart(for: time) == utc(2025, 7, 18, 10, 3, 15))
        #expect(BarAggregator(period: .minutes(1)).periodStart(for: time) == utc(2025, 7, 18, 10, 3))
        #expect(BarAggregator(period: .minutes(5)).periodStart(for: time) == utc(2025, 7, 18, 10, 0))
        #expect(BarAggregator(period: .hours(4)).periodStart(for: time) == utc(2025, 7, 18, 8, 0))
        #expect(BarAggregator(period: .days(1)).periodStart(for: time) == utc(2025, 7, 18))
        #expect(BarAggregator(period: .minutes(1)).periodStart(for: Date(timeIntervalSince1970: -1))
                == Date(timeIntervalSince1970: -60))
        #expect(BarAggregator(period: .minutes(1)).periodStart(for: Date(timeIntervalSince1970: .nan)) == nil)
    }

    @Test func tradesInOnePeriodBuildOneBar() {
        var bars = BarAggregator(period: .minutes(1))
        #expect(bars.add(price: 100, volume: 2, at: at(0)) == nil)
        #expect(bars.add(price: dec("101.5"), volume: 1, at: at(10)) == nil)
        #expect(bars.add(price: dec("99.25"), volume: 4, at: at(30)) == nil)
        #expect(bars.add(price: dec("100.5"), volume: 3, at: at(59.999)) == nil)
        #expect(bars.current == Bar(start: at(0), open: 100, high: dec("101.5"), low: dec("99.25"), close: dec("100.5"), volume: 10, tradeCount: 4))
    }

    @Test func aTradeInALaterPeriodCompletesTheBar() {
        var bars = BarAggregator(period: .minutes(1))
        _ = bars.add(price: 100, volume: 1, at: at(59.999))
        let completed = bars.add(price: 102, volume: 5, at: at(60))     // exactly on the boundary
        #expect(completed == Bar(start: at(0), open: 100, high: 100, low: 100, close: 100, volume: 1, tradeCount: 1))
        #expect(bars.current == Bar(start: at(60), open: 102, high: 102, low: 102, close: 102, volume: 5, tradeCount: 1))
    }

    @Test func emptyPeriodsProduceNoBars() {
        var bars = BarAggregator(period: .minutes(1))
        _ = bars.add(price: 100, volume: 1, at: at(5))
        let completed = bars.add(price: 101, volume: 1, at: at(60 * 7 + 3))
        #expect(completed?.start == at(0))
        #expect(bars.current?.start == at(420))
    }

    @Test func outOfOrderTradesWithinTheBarSetOpenAndCloseByTime() {
        var bars = BarAggregator(period: .minutes(1))
        _ = bars.add(price: 100, volume: 1, at: at(20))
        _ = bars.add(price: 98, volume: 1, at: at(5))      // earlier: new open, not the close
        _ = bars.add(price: 103, volume: 1, at: at(50))    // latest: the close
        _ = bars.add(price: 99, volume: 1, at: at(30))     // middle: neither
        _ = bars.add(price: 101, volume: 1, at: at(50))    // same time as the close: later arrival wins
        _ = bars.add(price: 97, volume: 1, at: at(5))      // same time as the open: first arrival keeps it
        #expect(bars.current == Bar(start: at(0), open: 98, high: 103, low: 97, close: 101, volume: 6, tradeCount: 6))
    }

    @Test func tradesOlderThanTheCurrentBarAreLate() {
        var bars = BarAggregator(period: .minutes(1))
        _ = bars.add(price: 100, volume: 1, at: at(10))
        let completed = bars.add(price: 101, volume: 1, at: at(70))
        #expect(bars.add(price: 50, volume: 100, at: at(30)) == nil)   // belongs to the emitted bar
        #expect(bars.add(price: 50, volume: 100, at: at(-3_600)) == nil)
        #expect(bars.lateCount == 2)
        #expect(completed?.low == 100)
        #expect(bars.current == Bar(start: at(60), open: 101, high: 101, low: 101, close: 101, volume: 1, tradeCount: 1))
    }

    @Test func flushClosesThePartialBarForGood() {
        var bars = BarAggregator(period: .minutes(1))
        #expect(bars.flush() == nil)
        _ = bars.add(price: 100, volume: 1, at: at(10))
        let flushed = bars.flush()
        #expect(flushed == Bar(start: at(0), open: 100, high: 100, low: 100, close: 100, volume: 1, tradeCount: 1))
        #expect(bars.current == nil)
        #expect(bars.flush() == nil)
        #expect(bars.add(price: 100, volume: 1, at: at(20)) == nil)     // flushed period: late
        #expect(bars.lateCount == 1)
        #expect(bars.current == nil)
        #expect(bars.add(price: 105, volume: 2, at: at(61)) == nil)     // next period: a new bar, nothing to emit
        #expect(bars.current?.start == at(60))
    }

    @Test func invalidTradesAreRejectedAndCounted() {
        var bars = BarAggregator(period: .minutes(1))
        #expect(bars.add(price: .nan, volume: 1, at: at(0)) == nil)
        #expect(bars.add(price: 100, volume: -1, at: at(0)) == nil)
        #expect(bars.add(price: 100, volume: 1, at: Date(timeIntervalSince1970: .infinity)) == nil)
        #expect(bars.add(MarketTrade(price: 100, volume: 1)) == nil)                        // no time
        #expect(bars.add(MarketTrade(price: 100, timestamp: "yesterday", volume: 1)) == nil)
        #expect(bars.add(MarketTrade(timestamp: "2025-07-18T10:00:00Z", volume: 1)) == nil) // no price
        #expect(bars.rejectedCount == 6)
        #expect(bars.lateCount == 0)
        #expect(bars.current == nil)
    }

    @Test func gatewayTradesAggregate() throws {
        let json = """
            [{"symbolId":"F.US.EP","price":5000.25,"timestamp":"2025-07-18T10:00:01.5+00:00","type":0,"volume":2},
             {"symbolId":"F.US.EP","price":5000.50,"timestamp":"2025-07-18T10:00:59.9999999Z","type":0},
             {"symbolId":"F.US.EP","price":5000.00,"timestamp":"2025-07-18T10:01:00","type":1,"volume":1},
             {"symbolId":"F.US.EP","price":5001.00,"timestamp":"2025-07-18T10:02:30Z","type":0,"volume":4}]
            """
        var bars = BarAggregator(period: .minutes(1))
        var completed: [Bar] = []
        bars.add(try decode(OneOrMany<MarketTrade>.self, json)) { completed.append($0) }
        #expect(completed == [
            Bar(start: utc(2025, 7, 18, 10, 0), open: dec("5000.25"), high: dec("5000.5"), low: dec("5000.25"), close: dec("5000.5"), volume: 2, tradeCount: 2),
            Bar(start: utc(2025, 7, 18, 10, 1), open: 5000, high: 5000, low: 5000, close: 5000, volume: 1, tradeCount: 1),
        ])
        #expect(bars.current?.start == utc(2025, 7, 18, 10, 2))
        #expect(bars.current?.volume == 4)
    }

    @Test func dailyBarsRollAtUTCMidnight() {
        var bars = BarAggregator(period: .days(1))
        _ = bars.add(price: 1, volume: 1, at: utc(2025, 7, 18, 23, 59, 59))
        let completed = bars.add(price: 2, volume: 1, at: utc(2025, 7, 19, 0, 0, 0))
        #expect(completed?.start == utc(2025, 7, 18))
        #expect(bars.current?.start == utc(2025, 7, 19))
    }

    @Test(arguments: [5, 17, 2_024] as [UInt64])
    func randomTradesConserveVolumeAndCount(seed: UInt64) {
        // Every accepted trade lands in exactly one emitted bar; late ones are the rest.
        var generator = SeededGenerator(seed: seed)
        var bars = BarAggregator(period: .seconds(10))
        var emitted: [Bar] = []
        var time = 0.0
        var totalVolume = 0
        let count = 2_000
        for _ in 0..<count {
            time += Double.random(in: 0..<3, using: &generator)
            let jitter = Double.random(in: -15..<0.5, using: &generator)    // some trades arrive late
            let volume = Int.random(in: 1...5, using: &generator)
            totalVolume += volume
            if let bar = bars.add(price: 100 + Decimal(Int((jitter * 4).rounded())), volume: volume, at: at(time + jitter)) { emitted.append(bar) }
        }
        if let last = bars.flush() { emitted.append(last) }
        #expect(emitted.reduce(0) { $0 + $1.tradeCount } + bars.lateCount == count)
        #expect(emitted.reduce(0) { $0 + $1.volume } <= totalVolume)
        #expect(zip(emitted, emitted.dropFirst()).allSatisfy { $0.start < $1.start })
        #expect(emitted.allSatisfy { $0.low <= min($0.open, $0.close) && $0.high >= max($0.open, $0.close) })
        #expect(emitted.allSatisfy { $0.start.timeIntervalSince1970.truncatingRemainder(dividingBy: 10) == 0 })
        #expect(bars.lateCount > 0)
    }
}
