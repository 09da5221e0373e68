import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

@Suite("Fill totals", .gated)
struct FillTotalsTests {
    private static let mes = "CON.F.US.MES.Z26"
    private static let mnq = "CON.F.US.MNQ.Z26"

    private static func fill(
        _ id: Int64, _ contract: String, _ side: OrderSide, _ size: Int, pnl: String?, fees: String, voided: Bool = false
    ) -> Trade {
        Trade(
            id: id, accountId: 1, contractId: contract, price: 100, profitAndLoss: pnl.map { dec($0) }, fees: dec(fees), side: side, size: size,
            voided: voided, orderId: id
        )
    }

    @Test func sumsExactlyAndLeavesVoidedFillsOut() {
        let totals = FillTotals([
            Self.fill(1, Self.mes, .buy, 2, pnl: nil, fees: "0.74"),
            Self.fill(2, Self.mes, .sell, 2, pnl: "12.50", fees: "0.74"),
            Self.fill(3, Self.mnq, .sell, 1, pnl: nil, fees: "0.37"),
            Self.fill(4, Self.mnq, .buy, 1, pnl: "-3.125", fees: "0.37"),
            Self.fill(5, Self.mes, .buy, 9, pnl: "1000", fees: "9", voided: true),
        ])
        #expect(totals.all == FillTotals.Sums(fills: 4, bought: 3, sold: 3, gross: dec("9.375"), fees: dec("2.22")))
        #expect(totals.all.net == dec("7.155"))
        #expect(totals.voided == 1)
        #expect(totals.byContract.map(\.contractId) == [Self.mes, Self.mnq])
        #expect(totals.byContract[1].sums == FillTotals.Sums(fills: 2, bought: 1, sold: 1, gross: dec("-3.125"), fees: dec("0.74")))
        #expect(totals.lines { $0 == Self.mes ? "MESZ6" : "MNQZ6" } == [
            "Total 4 fills: bought 3, sold 3; gross +9.375, fees 2.22, net +7.155 (1 voided not counted)",
            "  MESZ6: 2 fills: bought 2, sold 2; gross +12.50, fees 1.48, net +11.02",
            "  MNQZ6: 2 fills: bought 1, sold 1; gross -3.125, fees 0.74, net -3.865",
        ])
    }

    @Test func oneContractHasNoBreakdownAndLossesReadNegative() {
        let totals = FillTotals([Self.fill(1, Self.mes, .sell, 1, pnl: "-5", fees: "0.37")])
        #expect(totals.lines() == ["Total 1 fill: bought 0, sold 1; gross -5.00, fees 0.37, net -5.37"])
        #expect(FillTotals([]).lines() == ["Total 0 fills: bought 0, sold 0; gross 0.00, fees 0.00, net 0.00"])
    }

    @Test func jsonIsOneTotalsObjectWithExactNumbers() throws {
        let totals = FillTotals([
            Self.fill(1, Self.mes, .buy, 1, pnl: nil, fees: "0.37"),
            Self.fill(2, Self.mnq, .sell, 1, pnl: "71.33", fees: "0.37"),
        ])
        #expect(try JSONLines.encode(totals) == #"{"totals":{"bought":1,"byContract":["#
            + #"{"bought":1,"contractId":"CON.F.US.MES.Z26","fees":0.37,"fills":1,"grossProfitAndLoss":0,"netProfitAndLoss":-0.37,"sold":0},"#
            + #"{"bought":0,"contractId":"CON.F.US.MNQ.Z26","fees":0.37,"fills":1,"grossProfitAndLoss":71.33,"netProfitAndLoss":70.96,"sold":1}],"#
            + #""fees":0.74,"fills":2,"grossProfitAndLoss":71.33,"netProfitAndLoss":70.59,"sold":1,"voided":0}}"#)
    }
}
