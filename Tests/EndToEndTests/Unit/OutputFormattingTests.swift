import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

@Suite("Tables, formats and time arguments", .gated)
struct OutputFormattingTests {
    @Test func tablesAlignColumns() {
        var table = TextTable(columns: [.right("ID"), .left("NAME"), .right("BALANCE")])
        table.append(["1", "PRAC-1", "50000.00"])
        table.append(["12345", "X", "5.00"])
        #expect(table.rendered() == """
               ID  NAME     BALANCE
                1  PRAC-1  50000.00
            12345  X           5.00
            """)
    }

    @Test func tablesPadShortRowsAndDropTrailingBlanks() {
        var table = TextTable(columns: [.left("A"), .left("B")])
        table.append(["x"])
        #expect(table.rendered() == "A  B\nx")
    }

    @Test func pricesHaveNoFloatNoise() {
        #expect(Formatting.price(5000.25) == "5000.25")
        #expect(Formatting.price(5000) == "5000")
        #expect(Formatting.price(0.1 + 0.2) == "0.3")
        #expect(Formatting.price(0.0000005) == "0.0000005")
        #expect(Formatting.price(-12.5) == "-12.5")
        #expect(Formatting.price(nil) == "")
        #expect(Formatting.money(50_000) == "50000.00")
    }

    @Test func timesAreUTC() {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(Formatting.time(date) == "2026-11-18 11:06:40Z")
        #expect(JSONLines.timestamp(date) == "2026-11-18T11:06:40.000Z")
        #expect(Formatting.duration(86_340) == "23h 59m")
        #expect(Formatting.duration(-1) == "expired")
    }

    @Test func jsonKeepsTheGatewayWireForm() throws {
        let order = Order(id: 7, accountId: 1, contractId: "CON.F.US.MES.Z26", status: .open, type: .limit, side: .sell, size: 2, limitPrice: 5000.25)
        let line = try JSONLines.encode(order)
        #expect(line == #"{"accountId":1,"contractId":"CON.F.US.MES.Z26","fillVolume":0,"id":7,"limitPrice":5000.25,"side":1,"size":2,"status":1,"type":1}"#)
    }

    @Test(arguments: [
        ("2026-11-27", "2026-11-27T00:00:00.000Z"),
        ("2026-11-27T14:30", "2026-11-27T14:30:00.000Z"),
        ("2026-11-27T14:30:05", "2026-11-27T14:30:05.000Z"),
        ("2026-11-27T14:30:05Z", "2026-11-27T14:30:05.000Z"),
        ("2026-11-27T14:30:05-05:00", "2026-11-27T19:30:05.000Z"),
        ("2026-11-27T14:30:05.250Z", "2026-11-27T14:30:05.250Z"),
    ])
    func timeArgumentsParse(text: String, expected: String) throws {
        let parsed = try #require(TimeArgument(argument: text))
        #expect(JSONLines.timestamp(parsed.date) == expected)
    }

    @Test func invalidTimeArgumentsAreRefused() {
        for text in ["yesterday", "2026-13-01", "27/11/2026", ""] { #expect(TimeArgument(argument: text) == nil, "\(text)") }
    }

    @Test func barWindowsReachBackForTheCount() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let (start, end) = BarsCommand.window(unit: .minute, unitNumber: 5, count: 20, from: nil, to: nil, now: now)
        #expect(end == now)
        #expect(end.timeIntervalSince(start) == 4 * 86_400)  // at least four days for weekends
        let (longStart, _) = BarsCommand.window(unit: .day, unitNumber: 1, count: 100, from: nil, to: nil, now: now)
        #expect(now.timeIntervalSince(longStart) == 300 * 86_400)
        let from = now.addingTimeInterval(-60)
        #expect(BarsCommand.window(unit: .day, unitNumber: 1, count: 1, from: from, to: nil, now: now) == (from, now))
    }

    @Test func barUnitsAcceptPlurals() {
        #expect(BarUnitArgument(argument: "minutes")?.unit == .minute)
        #expect(BarUnitArgument(argument: "Hour")?.unit == .hour)
        #expect(BarUnitArgument(argument: "fortnight") == nil)
    }
}
