import Foundation
import Gateway
import MarketData
import Testing
@testable import TradingBot
import TestGate

/// The line chart and `fills --chart`'s cumulative P&L, rendered from known values.
@Suite("Line chart rendering", .gated)
struct LineChartTests {
    static func fill(_ minute: Int, pnl: String?, fees: String = "1.24", voided: Bool = false) -> Trade {
        Trade(
            id: Int64(minute), accountId: 1, contractId: "CON.F.US.MES.Z26", creationTimestamp: CandleChartTests.minute(minute),
            price: dec("5000"), profitAndLoss: pnl.map { dec($0) }, fees: dec(fees), side: .buy, size: 1, voided: voided, orderId: Int64(minute)
        )
    }

    @Test func cumulativeProfitAtFortyByFourteen() {
        let fills = [
            Self.fill(2, pnl: nil), Self.fill(0, pnl: nil), Self.fill(1, pnl: "12.50"), Self.fill(3, pnl: "-30"),
            Self.fill(4, pnl: "999", voided: true), Self.fill(5, pnl: "5.625"),
        ]
        let lines = FillsCommand.profitChart(fills, account: "PRAC-1", size: ChartSize(columns: 40, rows: 14), times: .utc).lines()
        // Points: 0 (opening), +12.50, +12.50 (opening), -17.50, the voided fill left out, -11.875.
        #expect(lines == [
            "Realised P&L on PRAC-1",
            "5 fills: -11.875 before fees of 6.20",
            "                       ● ● │   │",
            "                       │   │   ┤  10.000",
            "                       │   │   │",
            "                       │   │   │",
            "┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄●┄│┄┄┄│┄┄┄┤   0.000",
            "                           │   │",
            "                           │   │",
            "                           │ ● ┤ -10.000",
            "                           │ │ │",
            "                           ● │ │",
            "                     14:40           UTC",
        ], "\n\(lines.joined(separator: "\n"))")
    }

    @Test func everyLineFitsAndLabelsAreExact() {
        let points = (0..<200).map { LineChart.Point(time: CandleChartTests.minute($0), value: Decimal($0 % 13) * dec("15.625") - 50) }
        for (columns, rows) in [(40, 12), (80, 24), (200, 50)] {
            let lines = LineChart(title: "t", caption: "c", points: points, size: ChartSize(columns: columns, rows: rows), times: .utc).lines()
            #expect(lines.count == rows - 1)
            #expect(lines.allSatisfy { $0.count <= columns }, "\(columns)x\(rows)")
            let labels = lines.filter { $0.contains("┤ ") }.compactMap { $0.split(separator: "┤ ").last }.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(!labels.isEmpty)
            #expect(labels.allSatisfy { Decimal(string: $0) != nil && $0.split(separator: ".").last?.count == 3 }, "\(labels)")
        }
    }

    @Test func noFills() {
        let lines = FillsCommand.profitChart([], account: "PRAC-1", size: ChartSize(columns: 40, rows: 14), times: .utc).lines()
        // Points: 0 (opening), +12.50, +12.50 (opening), -17.50, the voided fill left out, -11.875.
        #expect(lines == ["Realised P&L on PRAC-1", "No fills in that window.", "Nothing to draw."])
    }
}
