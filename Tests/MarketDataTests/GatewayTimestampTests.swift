import Foundation
import Testing
@testable import MarketData
import TestGate

@Suite("GatewayTimestamp parses the gateway's three ISO-8601 forms", .gated)
struct GatewayTimestampTests {
    /// 2025-07-18T21:00:01Z
    static let base = 1_752_872_401.0

    static let acceptedForms: [(String, Double)] = [
        ("2025-07-18T21:00:01.268009+00:00", base + 0.268009),
        ("2025-07-18T21:00:01.2680090+00:00", base + 0.268009),
        ("2025-07-18T21:00:01.268Z", base + 0.268),
        ("2025-07-18T21:00:01Z", base),
        ("2025-07-18T21:00:01", base),
        ("2025-07-18T21:00:01.5", base + 0.5),
        ("2025-07-18T16:00:01-05:00", base),
        ("2025-07-19T02:30:01+05:30", base),
        ("2025-07-19T02:30:01+0530", base),
        ("2025-07-18T23:00:01+02", base),
        ("2025-07-18 21:00:01z", base),
        ("2025-07-18t21:00:01,25Z", base + 0.25),
        ("2025-07-18T21:00Z", base - 1),
        ("2025-07-18T21:00:01.123456789123+00:00", base + 0.123456789),
        ("2025-07-18", 1_752_796_800),
        ("2024-02-29T23:59:59Z", 1_709_251_199),
        ("2000-03-01T00:00:00Z", 951_868_800),
        ("1969-12-31T23:59:59Z", -1),
        ("2016-12-31T23:59:60Z", 1_483_228_800),
    ]

    @Test(arguments: acceptedForms)
    func parsesAcceptedForms(text: String, expected: Double) throws {
        let date = try #require(GatewayTimestamp.parse(text), "\(text) did not parse")
        #expect(abs(date.timeIntervalSince1970 - expected) < 1e-6, "\(text)")
    }

    @Test(arguments: [
        "", "2025", "2025-07", "2025-7-18", "2025-07-18T", "2025-07-18T21", "2025-07-18T21:0",
        "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-04-31T00:00:00Z", "2025-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z", "2025-07-18T24:00:00Z", "2025-07-18T21:60:00Z", "2025-07-18T21:00:61Z",
        "2025-07-18T21:00:01.Z", "2025-07-18T21:00:01+00:", "2025-07-18T21:00:01+25:00",
        "2025-07-18T21:00:01+00:60", "2025-07-18T21:00:01Zjunk", "2025-07-18T21:00:01 ",
        " 2025-07-18T21:00:01", "2025/07/18T21:00:01", "2025-07-18X21:00:01", "２０２５-07-18",
        "not a date",
    ])
    func rejectsMalformedText(text: String) {
        #expect(GatewayTimestamp.parse(text) == nil, "\(text) should not parse")
    }

    @Test func acceptsSubstringsAndRawBytes() {
        let line = "t=2025-07-18T21:00:01Z;"
        let slice = line.dropFirst(2).dropLast()
        #expect(GatewayTimestamp.parse(slice) == Date(timeIntervalSince1970: Self.base))
        let bytes = Array("2025-07-18T21:00:01Z".utf8)
        let date = bytes.withUnsafeBufferPointer { GatewayTimestamp.parse(utf8: $0) }
        #expect(date == Date(timeIntervalSince1970: Self.base))
    }

    @Test func agreesWithFoundationOnARangeOfDates() throws {
        // Independent oracle: ISO8601DateFormatter, over leap years and century rules.
        let formatter = ISO8601DateFormatter()
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let seconds = Double(Int.random(in: -2_000_000_000...4_000_000_000, using: &generator))
            let date = Date(timeIntervalSince1970: seconds)
            let text = formatter.string(from: date)
            #expect(GatewayTimestamp.parse(text) == date, "\(text)")
        }
    }

    @Test func civilDayArithmetic() {
        #expect(GatewayTimestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(GatewayTimestamp.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(GatewayTimestamp.daysInMonth(2, year: 2000) == 29)
        #expect(GatewayTimestamp.daysInMonth(2, year: 2100) == 28)
        #expect(GatewayTimestamp.daysInMonth(2, year: 2024) == 29)
        #expect(GatewayTimestamp.daysInMonth(4, year: 2025) == 30)
    }
}
