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

    @Test func pricesArePrintedExactly() {
        #expect(Formatting.price(dec("5000.25")) == "5000.25")
        #expect(Formatting.price(5000) == "5000")
        #expect(Formatting.price(dec("0.1") + dec("0.2")) == "0.3")
        #expect(Formatting.price(dec("71.23") + 10 * dec("0.01")) == "71.33")
        #expect(Formatting.price(dec("0.0000005")) == "0.0000005")
        #expect(Formatting.price(dec("-12.5")) == "-12.5")
        #expect(Formatting.price(dec("111.546875")) == "111.546875")
        #expect(Formatting.price(4 * dec("0.25")) == "1", "a product's trailing zeros are dropped")
        #expect(Formatting.price(nil) == "")
        #expect(Formatting.price(.nan) == "")
    }

    @Test func pricesAtAContractsPrecision() {
        #expect(Formatting.price(dec("5000.5"), decimals: 2) == "5000.50")
        #expect(Formatting.price(5000, decimals: 2) == "5000.00")
        #expect(Formatting.price(dec("71.23"), decimals: 2) == "71.23")
        #expect(Formatting.price(dec("115.03125"), decimals: 5) == "115.03125")
        #expect(Formatting.price(dec("5000.125"), decimals: 2) == "5000.125", "a price off the grid is never shown rounded")
        #expect(Formatting.price(dec("-37.6"), decimals: 2) == "-37.60")
        #expect(Formatting.price(nil, decimals: 2) == "-")
        #expect(Formatting.signed(dec("12.5"), decimals: 2) == "+12.50")
        #expect(Formatting.signed(dec("-0.25"), decimals: 2) == "-0.25")
        #expect(Formatting.signed(0, decimals: 2) == "0.00")
        #expect(Formatting.signed(dec("0.001"), decimals: 2) == "0.00", "rounds to zero: no sign")
    }

    @Test func moneyHasCents() {
        #expect(Formatting.money(50_000) == "50000.00")
        #expect(Formatting.money(dec("146210.5")) == "146210.50")
        #expect(Formatting.money(dec("-12.345")) == "-12.35", "half away from zero")
        #expect(Formatting.money(dec("0.125")) == "0.13")
        #expect(Formatting.money(nil) == "")
        #expect(Formatting.exactMoney(dec("12.5")) == "12.50")
        #expect(Formatting.exactMoney(dec("15.625")) == "15.625")
        #expect(Formatting.exactMoney(dec("7.8125")) == "7.8125")
        #expect(Formatting.exactMoney(10) == "10.00")
    }

    @Test func jsonTimesAreUTC() {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(JSONLines.timestamp(date) == "2026-11-18T11:06:40.000Z")
        #expect(Formatting.duration(86_340) == "23h 59m")
        #expect(Formatting.duration(-1) == "expired")
    }

    @Test func jsonKeepsTheGatewayWireForm() throws {
        let order = Order(id: 7, accountId: 1, contractId: "CON.F.US.MES.Z26", status: .open, type: .limit, side: .sell, size: 2, limitPrice: dec("71.33"))
        let line = try JSONLines.encode(order)
        #expect(line == #"{"accountId":1,"contractId":"CON.F.US.MES.Z26","fillVolume":0,"id":7,"limitPrice":71.33,"side":1,"size":2,"status":1,"type":1}"#)
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
