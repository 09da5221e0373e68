import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("BarGenerator", .gated)
struct BarGeneratorTests {
    let catalog = ContractCatalog(asOf: testEpoch)
    let generator = BarGenerator(reference: ReferencePath(seed: 7))
    let now = testEpoch.addingTimeInterval(65) // 14:31:05

    func query(unit: Int, number: Int = 1, limit: Int = 100, partial: Bool = false, start: TimeInterval = -86_400 * 400,
               end: TimeInterval = 3_600, contract: String = esContract, live: Bool = false) -> BarQuery {
        BarQuery(contractId: contract, live: live, startTime: testEpoch.addingTimeInterval(start), endTime: testEpoch.addingTimeInterval(end),
                 unit: unit, unitNumber: number, limit: limit, includePartialBar: partial)
    }

    func bars(_ query: BarQuery) -> [SimBar] {
        (try? generator.bars(for: query, catalog: catalog, now: now).get()) ?? []
    }

    @Test func newestFirstAlignedAndLimited() {
        let fiveMinute = bars(query(unit: 2, number: 5, limit: 7))
        #expect(fiveMinute.count == 7)
        #expect(fiveMinute.first?.time == Date(timeIntervalSince1970: 1_756_909_500)) // 14:25, the last complete bar
        for (newer, older) in zip(fiveMinute, fiveMinute.dropFirst()) {
            #expect(newer.time.timeIntervalSince(older.time) == 300)
        }
        let partial = bars(query(unit: 2, number: 5, limit: 7, partial: true))
        #expect(partial.first?.time == testEpoch)
        #expect(Array(partial.dropFirst()) == Array(fiveMinute.prefix(6)))
    }

    @Test func everyUnitProducesConsistentBars() throws {
        let es = try #require(catalog.contract(id: esContract))
        for unit in SimBarUnit.allCases {
            let result = bars(query(unit: unit.rawValue, number: 2, limit: 5))
            #expect(result.count == 5, "\(unit)")
            for bar in result {
                #expect(bar.high >= max(bar.open, bar.close) && bar.low <= min(bar.open, bar.close), "\(unit)")
                #expect([bar.open, bar.high, bar.low, bar.close].allSatisfy { es.ticks(of: $0) != nil }, "\(unit)")
                #expect(bar.volume > 0)
                #expect(bar.time <= now)
            }
            #expect(result == result.sorted { $0.time > $1.time }, "\(unit)")
        }
    }

    @Test func calendarStamps() throws {
        let day = try #require(bars(query(unit: 4, limit: 1)).first)
        #expect(ISOTimestamp.format(day.time, fractionalDigits: 0) == "2025-09-01T23:00:00+00:00")
        let week = try #require(bars(query(unit: 5, limit: 1)).first)
        #expect(ISOTimestamp.format(week.time, fractionalDigits: 0) == "2025-08-24T23:00:00+00:00")
        let month = try #require(bars(query(unit: 6, limit: 1)).first)
        #expect(ISOTimestamp.format(month.time, fractionalDigits: 0) == "2025-08-01T00:00:00+00:00")
        let ticks = bars(query(unit: 7, number: 8, limit: 3))
        #expect(ticks.count == 3 && ticks[0].time.timeIntervalSince(ticks[1].time) == 2)
    }

    @Test func capAndWindow() {
        let capped = BarGenerator(reference: ReferencePath(seed: 7), maximumBars: 1000)
        let many = (try? capped.bars(for: query(unit: 1, limit: 50_000), catalog: catalog, now: now).get()) ?? []
        #expect(many.count == 1000)
        #expect(bars(query(unit: 2, limit: 50_000, start: -3_600)).count == 61)
        #expect(bars(query(unit: 2, limit: 10, start: 0, end: -60)).isEmpty)
        #expect(bars(query(unit: 2, limit: 10, live: true)).isEmpty)
        #expect(bars(query(unit: 3, limit: 5, contract: "CON.F.US.EP.M25")).count == 5, "expired contracts still serve history")
    }

    @Test func deterministicForSeed() {
        let other = BarGenerator(reference: ReferencePath(seed: 8))
        let q = query(unit: 3, limit: 50)
        #expect(bars(q) == bars(q))
        #expect(bars(q) != ((try? other.bars(for: q, catalog: catalog, now: now).get()) ?? []))
    }

    @Test func errorCodes() {
        func code(_ q: BarQuery) -> Int? {
            if case .failure(let failure) = generator.bars(for: q, catalog: catalog, now: now) { return failure.code.rawValue }
            return nil
        }
        #expect(code(query(unit: 2, contract: "CON.F.US.XX.Z25")) == 1)
        #expect(code(query(unit: 0)) == 2)
        #expect(code(query(unit: 8)) == 2)
        #expect(code(query(unit: 2, number: 0)) == 3)
        #expect(code(query(unit: 2, limit: 0)) == 4)
        #expect(code(query(unit: 2)) == nil)
    }
}
