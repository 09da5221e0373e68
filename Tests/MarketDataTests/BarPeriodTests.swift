import Testing
@testable import MarketData
import TestGate

@Suite("BarPeriod", .gated)
struct BarPeriodTests {
    @Test func constructorsConvertToSeconds() {
        #expect(BarPeriod.seconds(30).seconds == 30)
        #expect(BarPeriod.minutes(5).seconds == 300)
        #expect(BarPeriod.hours(2).seconds == 7_200)
        #expect(BarPeriod.days(1).seconds == 86_400)
        #expect(BarPeriod.minutes(60) == .hours(1))
        #expect(BarPeriod.minutes(1) < .hours(1))
    }

    @Test(arguments: [("30s", 30), ("5m", 300), ("1h", 3_600), ("2d", 172_800), ("90s", 90)])
    func parsesDescriptions(text: String, seconds: Int) throws {
        let period = try #require(BarPeriod(text))
        #expect(period.seconds == seconds)
        #expect(period.description == text)
    }

    @Test(arguments: ["", "m", "0m", "-5m", "5", "5x", "1.5h", " 5m", "99999999999999999999d"])
    func rejectsBadDescriptions(text: String) {
        #expect(BarPeriod(text) == nil)
    }

    @Test func canonicalDescriptionUsesTheLargestUnit() {
        #expect(BarPeriod.seconds(120).description == "2m")
        #expect(BarPeriod.minutes(120).description == "2h")
        #expect(BarPeriod.hours(48).description == "2d")
        #expect(BarPeriod(seconds: 0) == nil)
        #expect(BarPeriod(seconds: -1) == nil)
    }
}
