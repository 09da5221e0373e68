import Foundation
import Testing
@testable import MarketData
import TestGate

@Suite("TickSize snaps Double prices to the grid", .gated)
struct TickSizeTests {
    @Test(arguments: [0.0, -0.25, .nan, .infinity])
    func rejectsNonPositiveOrNonFinite(value: Double) {
        #expect(TickSize(value) == nil)
    }

    @Test func countsDecimals() throws {
        #expect(try #require(TickSize(0.25)).decimals == 2)
        #expect(try #require(TickSize(0.1)).decimals == 1)
        #expect(try #require(TickSize(1)).decimals == 0)
        #expect(try #require(TickSize(0.015625)).decimals == 6)
        #expect(try #require(TickSize(0.005)).decimals == 3)
    }

    @Test func roundsToTheNearestTick() throws {
        let es = try #require(TickSize(0.25))
        #expect(es.round(5000.13) == 5000.25)
        #expect(es.round(5000.12) == 5000.0)
        #expect(es.round(5000.2500000001) == 5000.25)
        #expect(es.round(-1.13) == -1.25)
        #expect(es.round(.nan).isNaN)
        #expect(es.ticks(in: 5000.25) == 20_001)
        #expect(es.ticks(in: .infinity) == nil)
        #expect(es.price(ticks: 20_001) == 5000.25)
    }

    @Test func producesCleanDecimalsWhereNaiveArithmeticDoesNot() throws {
        let tick = try #require(TickSize(0.1))
        #expect(0.1 * 3 != 0.3)  // the residue this type exists to remove
        #expect(tick.price(ticks: 3) == 0.3)
        #expect(tick.round(0.30000000000000004) == 0.3)
        let cl = try #require(TickSize(0.01))
        for ticks in [1, 7, 29, 6_543, 12_345] {
            #expect(cl.price(ticks: ticks) == Double("\(ticks / 100).\(String(format: "%02d", ticks % 100))"))
        }
    }

    @Test func alignment() throws {
        let es = try #require(TickSize(0.25))
        #expect(es.isAligned(5000.75))
        #expect(!es.isAligned(5000.1))
        #expect(!es.isAligned(.nan))
    }

    @Test func codableAsABareNumber() throws {
        let tick = try #require(TickSize(0.25))
        #expect(try encodeJSON(tick) == "0.25")
        #expect(try decode(TickSize.self, "0.25") == tick)
        #expect(throws: DecodingError.self) { try decode(TickSize.self, "0") }
    }
}
