import Foundation
import Testing
import TestGate
@testable import Gateway

@Suite("Trading day", .gated)
struct TradingDayTests {
    static func utc(_ text: String) throws -> Date {
        try #require(try? Date(text, strategy: .iso8601))
    }

    @Test func theCMEDayBeginsAt17InChicagoAcrossDaylightSavingTime() throws {
        let day = TradingDay.cme
        // Winter (CST, UTC-6): 17:00 Chicago is 23:00 UTC.
        #expect(day.start(containing: try Self.utc("2026-01-14T22:59:59Z")) == (try Self.utc("2026-01-13T23:00:00Z")))
        #expect(day.start(containing: try Self.utc("2026-01-14T23:00:00Z")) == (try Self.utc("2026-01-14T23:00:00Z")))
        #expect(day.start(containing: try Self.utc("2026-01-15T03:00:00Z")) == (try Self.utc("2026-01-14T23:00:00Z")))
        // Summer (CDT, UTC-5): 22:00 UTC.
        #expect(day.start(containing: try Self.utc("2026-07-01T21:59:00Z")) == (try Self.utc("2026-06-30T22:00:00Z")))
        #expect(day.start(containing: try Self.utc("2026-07-01T22:00:00Z")) == (try Self.utc("2026-07-01T22:00:00Z")))
        // The Sunday DST starts (2026-03-08): the day that begins that evening is 23 hours long.
        #expect(day.start(containing: try Self.utc("2026-03-09T12:00:00Z")) == (try Self.utc("2026-03-08T22:00:00Z")))
        #expect(day.nextStart(after: try Self.utc("2026-03-08T12:00:00Z")) == (try Self.utc("2026-03-08T22:00:00Z")))
        #expect(day.nextStart(after: try Self.utc("2026-03-07T23:30:00Z")) == (try Self.utc("2026-03-08T22:00:00Z")))
        #expect(day.nextStart(after: try Self.utc("2026-11-01T21:00:00Z")) == (try Self.utc("2026-11-01T23:00:00Z")), "DST ends")
    }

    @Test func calendarDaysInUTC() throws {
        let day = TradingDay(timeZone: .gmt, hour: 0)
        #expect(day.start(containing: try Self.utc("2026-11-27T14:30:00Z")) == (try Self.utc("2026-11-27T00:00:00Z")))
        #expect(day.nextStart(after: try Self.utc("2026-11-27T14:30:00Z")) == (try Self.utc("2026-11-28T00:00:00Z")))
        #expect(TradingDay(timeZone: .gmt, hour: 40).hour == 23, "the hour is clamped")
    }
}
