import Foundation
import Testing
@testable import TradingBot
import TestGate

@Suite("Times in the display zone", .gated)
struct TimeDisplayTests {
    static let chicago = TimeDisplay(zone: TimeZone(identifier: "America/Chicago")!)

    /// `2026-11-27T14:30:00Z` and friends, as UTC text.
    static func utc(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? .distantPast
    }

    @Test func chicagoTimesCarryTheirAbbreviation() {
        #expect(Self.chicago.stamp(Self.utc("2026-11-27T14:30:00Z")) == "2026-11-27 08:30:00 CST")
        #expect(Self.chicago.stamp(Self.utc("2026-07-01T13:30:00Z")) == "2026-07-01 08:30:00 CDT")
        #expect(Self.chicago.stamp(nil) == "")
        #expect(TimeDisplay.utc.stamp(Self.utc("2026-11-27T14:30:00Z")) == "2026-11-27 14:30:00 UTC")
    }

    @Test func theSpringAndFallTransitionsInChicago() {
        // 2026-03-08: 02:00 CST becomes 03:00 CDT (08:00Z). 2026-11-01: 02:00 CDT becomes 01:00 CST (07:00Z).
        #expect(Self.chicago.stamp(Self.utc("2026-03-08T07:59:59Z")) == "2026-03-08 01:59:59 CST")
        #expect(Self.chicago.stamp(Self.utc("2026-03-08T08:00:00Z")) == "2026-03-08 03:00:00 CDT")
        #expect(Self.chicago.stamp(Self.utc("2026-11-01T06:30:00Z")) == "2026-11-01 01:30:00 CDT")
        #expect(Self.chicago.stamp(Self.utc("2026-11-01T07:30:00Z")) == "2026-11-01 01:30:00 CST", "the repeated hour reads apart by its zone")
    }

    @Test func zonesWithoutALetterAbbreviationShowTheirOffset() throws {
        let india = TimeDisplay(zone: try #require(TimeZone(secondsFromGMT: 19_800)))
        #expect(india.stamp(Self.utc("2026-11-27T14:30:00Z")) == "2026-11-27 20:00:00 +05:30")
        let west = TimeDisplay(zone: try #require(TimeZone(secondsFromGMT: -3 * 3600)))
        #expect(west.label(at: Self.utc("2026-11-27T14:30:00Z")) == "-03:00")
        #expect(TimeDisplay.offset(-21_600) == "-06:00")
        #expect(TimeDisplay.offset(0) == "+00:00")
    }

    @Test func timeOfDayHasMilliseconds() {
        let date = Self.utc("2026-11-27T14:30:05Z").addingTimeInterval(0.123)
        #expect(Self.chicago.timeOfDay(date) == "08:30:05.123")
        #expect(TimeDisplay.utc.timeOfDay(date) == "14:30:05.123")
    }

    @Test func chartAxesFollowTheZone() {
        let times = [Self.utc("2026-11-27T14:40:00Z"), Self.utc("2026-11-27T15:40:00Z")]
        #expect(TimeAxis.row(times: times, columns: [0, 10], width: 16, in: Self.chicago) == "08:40     09:40 ")
        // Midnight in Chicago is a day boundary there, not in UTC.
        let midnights = [Self.utc("2026-11-26T06:00:00Z"), Self.utc("2026-11-27T06:00:00Z")]
        #expect(TimeAxis.precision(for: midnights, in: Self.chicago) == .day)
        #expect(TimeAxis.precision(for: midnights, in: .utc) == .dayAndTime)
        let chart = LineChart(
            title: "t", caption: "c", points: times.map { LineChart.Point(time: $0, value: 1) }, size: ChartSize(columns: 40, rows: 14),
            times: Self.chicago
        )
        #expect(chart.lines().last?.hasSuffix("CST") == true, "\(chart.lines())")
    }

    @Test(arguments: [("local", "Europe/Paris"), ("UTC", "GMT"), ("utc", "GMT"), ("america/chicago", "America/Chicago"), (" Asia/Tokyo ", "Asia/Tokyo")])
    func zoneNamesAreParsed(text: String, identifier: String) throws {
        let local = try #require(TimeZone(identifier: "Europe/Paris"))
        let zone = try DisplayTimeZone.parse(text, setting: "--tz", local: local)
        #expect(zone.identifier == identifier || (identifier == "GMT" && zone.secondsFromGMT() == 0))
    }

    @Test func unknownZonesAreRefusedWithTheWayToListThem() {
        let error = #expect(throws: CLIError.self) { try DisplayTimeZone.parse("Chicago", setting: "--tz") }
        #expect(error?.status == .configuration)
        #expect(error?.message.contains(#"--tz is "Chicago""#) == true, "\(String(describing: error))")
        #expect(error?.message.contains("close matches: America/Chicago") == true, "\(String(describing: error))")
        #expect(error?.message.contains("timedatectl list-timezones") == true)
        let nothing = #expect(throws: CLIError.self) { try DisplayTimeZone.parse("Mars/Olympus", setting: "PROJECTX_TIME_ZONE") }
        #expect(nothing?.message.hasPrefix(#"PROJECTX_TIME_ZONE is "Mars/Olympus", which is not a time zone"#) == true)
    }

    @Test func theZoneIsTheFlagThenTheEnvironmentThenTheFileThenChicago() throws {
        let path = "/home/t/.config/trading-bot/config.json"
        let file = [path: #"{"timeZone": "Asia/Tokyo"}"#]
        let environment = ["HOME": "/home/t", "PROJECTX_TIME_ZONE": "Europe/London"]
        let flag = try ConfigurationResolverTests.resolver(environment, files: file).resolve(ConfigurationFlags(timeZone: "UTC"))
        #expect(flag.timeZone.secondsFromGMT() == 0)
        #expect(try ConfigurationResolverTests.resolver(environment, files: file).resolve(ConfigurationFlags()).timeZone.identifier == "Europe/London")
        #expect(try ConfigurationResolverTests.resolver(["HOME": "/home/t"], files: file).resolve(ConfigurationFlags()).timeZone.identifier == "Asia/Tokyo")
        #expect(try ConfigurationResolverTests.resolver(["HOME": "/home/t"]).resolve(ConfigurationFlags()).timeZone.identifier == "America/Chicago")
        let bad = #expect(throws: CLIError.self) {
            try ConfigurationResolverTests.resolver(["HOME": "/home/t"], files: [path: #"{"timeZone": "Nowhere"}"#]).resolve(ConfigurationFlags())
        }
        #expect(bad?.message.contains(#""timeZone" in the config file \#(path) is "Nowhere""#) == true, "\(String(describing: bad))")
    }
}
