import Foundation
import Testing
@testable import TradingBot
import TestGate

@Suite("Time arguments: relative, zoned, DST", .gated)
struct TimeArgumentTests {
    static let chicago = TimeZone(identifier: "America/Chicago")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!

    static func utc(_ text: String) -> Date {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(text, strategy: .iso8601)) ?? .distantPast
    }

    /// `text` read at `now` in `zone`, as JSON prints instants.
    static func read(_ text: String, now: String = "2026-11-27T14:30:00Z", in zone: TimeZone = chicago) throws -> String {
        let argument = try #require(TimeArgument(text), "\(text) should parse")
        return JSONLines.timestamp(try argument.date(now: utc(now), in: zone, option: "--from"))
    }

    @Test(arguments: [
        // Without an offset: wall-clock time in the display zone (Chicago is UTC-6 in November).
        ("2026-11-27", "2026-11-27T06:00:00.000Z"),
        ("2026-11-27T14:30", "2026-11-27T20:30:00.000Z"),
        ("2026-11-27t14:30", "2026-11-27T20:30:00.000Z"),
        ("2026-11-27 14:30:05", "2026-11-27T20:30:05.000Z"),
        ("2026-11-27T14:30:05.250", "2026-11-27T20:30:05.250Z"),
        ("2026-07-01T08:00", "2026-07-01T13:00:00.000Z"),
        // With an offset: exactly that instant.
        ("2026-11-27T14:30:05Z", "2026-11-27T14:30:05.000Z"),
        ("2026-11-27T14:30:05-05:00", "2026-11-27T19:30:05.000Z"),
        ("2026-11-27T14:30+0530", "2026-11-27T09:00:00.000Z"),
        ("2026-11-27T14:30:05.5+01", "2026-11-27T13:30:05.500Z"),
        // Relative to now (2026-11-27 08:30 CST).
        ("now", "2026-11-27T14:30:00.000Z"),
        ("NOW", "2026-11-27T14:30:00.000Z"),
        ("today", "2026-11-27T06:00:00.000Z"),
        ("yesterday", "2026-11-26T06:00:00.000Z"),
        ("-30m", "2026-11-27T14:00:00.000Z"),
        ("-2h", "2026-11-27T12:30:00.000Z"),
        ("-3d", "2026-11-24T14:30:00.000Z"),
        ("-1w", "2026-11-20T14:30:00.000Z"),
        ("-36h", "2026-11-26T02:30:00.000Z"),
    ])
    func formsInChicago(text: String, expected: String) throws {
        #expect(try Self.read(text) == expected)
    }

    @Test func theZoneDecidesWallClockTimesAndDaysButNotOffsets() throws {
        #expect(try Self.read("2026-11-27", in: Self.tokyo) == "2026-11-26T15:00:00.000Z")
        #expect(try Self.read("today", in: Self.tokyo) == "2026-11-26T15:00:00.000Z", "at 14:30Z it is already the 27th in Tokyo")
        #expect(try Self.read("today", in: .gmt) == "2026-11-27T00:00:00.000Z")
        #expect(try Self.read("2026-11-27T14:30:05Z", in: Self.tokyo) == "2026-11-27T14:30:05.000Z")
        #expect(try Self.read("-2h", in: Self.tokyo) == "2026-11-27T12:30:00.000Z")
    }

    @Test func daysAcrossTheSpringChangeKeepTheWallClock() throws {
        // Now: Monday 2026-03-09 09:00 CDT (14:00Z). Saturday 09:00 CST was 15:00Z: 71 hours back, not 72.
        let now = "2026-03-09T14:00:00Z"
        #expect(try Self.read("-2d", now: now) == "2026-03-07T15:00:00.000Z")
        #expect(try Self.read("-48h", now: now) == "2026-03-07T14:00:00.000Z")
        #expect(try Self.read("yesterday", now: now) == "2026-03-08T06:00:00.000Z", "the 8th began at CST midnight")
        #expect(try Self.read("today", now: now) == "2026-03-09T05:00:00.000Z", "the 9th began at CDT midnight")
        #expect(try Self.read("2026-03-08T01:59:59", now: now) == "2026-03-08T07:59:59.000Z")
        #expect(try Self.read("2026-03-08T03:00", now: now) == "2026-03-08T08:00:00.000Z")
    }

    @Test func aSkippedWallClockTimeIsRefused() throws {
        let skipped = try #require(TimeArgument("2026-03-08T02:30"))
        let error = #expect(throws: CLIError.self) { try skipped.date(now: Self.utc("2026-03-09T14:00:00Z"), in: Self.chicago, option: "--from") }
        #expect(error?.status == .usage)
        #expect(error?.message.hasPrefix("--from 2026-03-08T02:30 does not exist in America/Chicago") == true, "\(String(describing: error))")
        #expect(error?.message.contains("2026-03-08T02:30-06:00") == true, "\(String(describing: error))")
        // The same time exists in UTC.
        #expect(try skipped.date(now: Self.utc("2026-03-09T14:00:00Z"), in: .gmt, option: "--from") == Self.utc("2026-03-08T02:30:00Z"))
    }

    @Test func aRepeatedWallClockTimeIsItsFirstOccurrence() throws {
        // 2026-11-01: 01:00-02:00 happens in CDT (06:00Z-07:00Z), then again in CST (07:00Z-08:00Z).
        #expect(try Self.read("2026-11-01T01:30") == "2026-11-01T06:30:00.000Z")
        #expect(try Self.read("2026-11-01T01:30-06:00") == "2026-11-01T07:30:00.000Z", "an offset picks the second")
        #expect(try Self.read("2026-11-01T02:00") == "2026-11-01T08:00:00.000Z")
        #expect(try Self.read("-2d", now: "2026-11-02T14:30:00Z") == "2026-10-31T13:30:00.000Z", "08:30 CDT, 49 hours back")
    }

    @Test func everythingElseIsRefusedWithTheAcceptedForms() {
        for text in [
            "", "yesterdy", "tomorrow", "+2h", "-2", "-h", "2h", "-2x", "-1.5h", "-0h", "-9999999d", "--2h", "-２h",
            "2026-13-01", "2026-02-29", "2026-11-31", "2026-11-27T24:00", "2026-11-27T14:60", "2026-11-27T14", "2026-11-27T14:30:5",
            "27/11/2026", "2026-11-27Z", "2026-11-27T14:30+25:00", "2026-11-27T14:30 CST", "2026-11-27T14:30:05.", "0000-01-01",
        ] {
            #expect(TimeArgument(text) == nil, "\(text)")
        }
        #expect(TimeArgument("2028-02-29") != nil, "a leap day")
        #expect(throws: (any Error).self) { try TimeArgument.parse("soon") }
        do {
            _ = try TimeArgument.parse("soon")
        } catch {
            let message = "\(error)"
            #expect(message.contains("\"soon\" is not a time; use now, today, yesterday, a time before now (-30m, -2h, -3d, -1w)"), "\(message)")
        }
    }
}
