import Foundation
import Testing
@testable import MarketData
import TestGate

/// The grids of the catalogue's contracts, each with its decimals: quarter points (ES), tenths
/// (GC), cents (CL), half cents (SI), 1/32 (ZB), 1/64 (ZN), 1/128 (ZF) and a whole point (YM).
private let grids: [(tick: String, decimals: Int)] = [
    ("0.25", 2), ("0.1", 1), ("0.01", 2), ("0.005", 3), ("0.03125", 5), ("0.015625", 6), ("0.0078125", 7), ("1", 0),
    ("0.0000005", 7),
]

@Suite("TickSize: exact arithmetic on a contract's price grid", .gated)
struct TickSizeTests {
    private func grid(_ text: String) throws -> TickSize { try #require(TickSize(dec(text))) }

    @Test func rejectsNonPositiveOrNaN() {
        for value in [Decimal(0), dec("-0.25"), Decimal.nan] {
            #expect(TickSize(value) == nil)
        }
    }

    @Test(arguments: grids)
    func countsDecimals(tick: String, decimals: Int) throws {
        #expect(try grid(tick).decimals == decimals)
    }

    /// Every multiple of the tick is aligned, converts to ticks and back exactly, and its text is
    /// the short decimal (never a binary residue such as 0.30000000000000004).
    @Test(arguments: grids)
    func everyMultipleIsExact(tick: String, decimals: Int) throws {
        let size = try grid(tick)
        for ticks in [0, 1, 2, 3, 7, 29, 31, 32, 33, 63, 64, 65, 127, 6_543, 7_123, 12_345, 3_681, 1_000_000, -1, -7_123, -3_681] {
            let price = size.price(ticks: ticks)
            #expect(price == Decimal(ticks) * size.value)
            #expect(size.isAligned(price), "\(ticks) ticks of \(tick)")
            #expect(size.ticks(in: price) == ticks)
            #expect(size.ticks(exactly: price) == ticks)
            #expect(size.round(price) == price)
            #expect(size.nearestValidPrices(to: price).map { [$0.below, $0.above] } == [price, price])
            let places = price.description.split(separator: ".").dropFirst().first?.count ?? 0
            #expect(places <= decimals, "\(price) has more places than \(tick)")
        }
    }

    /// Half a tick above a multiple is not on the grid: it is refused with the two neighbours,
    /// rounds away from zero, and a quarter tick rounds to the nearest.
    @Test(arguments: grids)
    func pricesBetweenTicks(tick: String, decimals: Int) throws {
        let size = try grid(tick)
        let half = size.value / 2
        let quarter = size.value / 4
        for ticks in [0, 1, 7, 31, 7_123, -1, -7_123] {
            let low = size.price(ticks: ticks)
            let high = size.price(ticks: ticks + 1)
            for offset in [half, quarter, size.value - quarter] {
                let price = low + offset
                #expect(!size.isAligned(price))
                #expect(size.ticks(exactly: price) == nil)
                let nearest = try #require(size.nearestValidPrices(to: price))
                #expect(nearest.below == low && nearest.above == high, "\(price) on \(tick)")
            }
            // Half way: away from zero (up for a positive price, down for a negative one).
            let middle = low + half
            #expect(size.round(middle) == (middle > 0 ? high : low), "\(middle) on \(tick)")
            #expect(size.round(low + quarter) == low)
            #expect(size.round(high - quarter) == high)
        }
    }

    /// The examples of the issue: 71.23 on a cent grid is fine, 71.235 is not (71.23 or
    /// 71.24), and ten ticks above 71.23 is 71.33 exactly.
    @Test func crudeOilCents() throws {
        let cl = try grid("0.01")
        #expect(cl.isAligned(dec("71.23")))
        #expect(cl.ticks(exactly: dec("71.23")) == 7_123)
        #expect(!cl.isAligned(dec("71.235")))
        let nearest = try #require(cl.nearestValidPrices(to: dec("71.235")))
        #expect(nearest.below == dec("71.23") && nearest.above == dec("71.24"))
        let bracket = cl.price(dec("71.23"), movedBy: 10)
        #expect(bracket == dec("71.33"))
        #expect(bracket.description == "71.33")
        #expect(cl.price(dec("71.23"), movedBy: -10).description == "71.13")
        // The residue exact arithmetic avoids: in Double, three dimes are not 0.30.
        #expect(0.1 * 3 != 0.3)
        #expect(try grid("0.1").price(ticks: 3) == dec("0.3"))
    }

    /// Crude oil settled at -37.63 in April 2020: negative prices are prices like any other.
    @Test func negativePrices() throws {
        let cl = try grid("0.01")
        #expect(cl.isAligned(dec("-37.63")))
        #expect(cl.ticks(in: dec("-37.63")) == -3_763)
        #expect(cl.price(ticks: -3_763) == dec("-37.63"))
        let nearest = try #require(cl.nearestValidPrices(to: dec("-37.635")))
        #expect(nearest.below == dec("-37.64") && nearest.above == dec("-37.63"))
        #expect(cl.round(dec("-37.635")) == dec("-37.64"))
        #expect(cl.round(dec("-37.634")) == dec("-37.63"))
        #expect(cl.price(dec("-0.05"), movedBy: 10) == dec("0.05"))
        #expect(cl.price(dec("0.05"), movedBy: -10) == dec("-0.05"))
    }

    /// Brackets N ticks away on every grid land on the grid, exactly N ticks away.
    @Test(arguments: grids)
    func bracketsNTicksAway(tick: String, decimals: Int) throws {
        let size = try grid(tick)
        let entry = size.price(ticks: 3_681)
        for distance in [1, 2, 8, 10, 16, 20, 100, 1_000] {
            let takeProfit = size.price(entry, movedBy: distance)
            let stopLoss = size.price(entry, movedBy: -distance)
            #expect(size.ticks(exactly: takeProfit) == 3_681 + distance)
            #expect(size.ticks(exactly: stopLoss) == 3_681 - distance)
            #expect(takeProfit - entry == Decimal(distance) * size.value)
        }
    }

    @Test func thirtySecondsOfAPoint() throws {
        let zb = try grid("0.03125")
        #expect(zb.ticks(exactly: dec("115.03125")) == 3_681)
        #expect(zb.price(dec("115"), movedBy: 1).description == "115.03125")
        #expect(zb.nearestValidPrices(to: dec("115.04")).map { [$0.below, $0.above] } == [dec("115.03125"), dec("115.0625")])
        let zn = try grid("0.015625")
        #expect(zn.price(dec("111.5"), movedBy: 3).description == "111.546875")
        #expect(!zn.isAligned(dec("111.55")))
    }

    @Test func nanAndHugeValues() throws {
        let es = try grid("0.25")
        #expect(es.ticks(in: .nan) == nil)
        #expect(es.round(.nan).isNaN)
        #expect(!es.isAligned(.nan))
        #expect(es.nearestValidPrices(to: .nan) == nil)
        #expect(es.ticks(in: Decimal(sign: .plus, exponent: 30, significand: 1)) == nil, "beyond Int")
        #expect(es.ticks(in: dec("5000.25")) == 20_001)
    }

    @Test func codableAsABareNumber() throws {
        let tick = try grid("0.015625")
        #expect(try encodeJSON(tick) == "0.015625")
        #expect(try decode(TickSize.self, "0.015625") == tick)
        #expect(try decode(TickSize.self, "0.01").value == dec("0.01"))
        #expect(throws: DecodingError.self) { try decode(TickSize.self, "0") }
        #expect(throws: DecodingError.self) { try decode(TickSize.self, "-0.25") }
    }
}
