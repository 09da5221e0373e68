import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

/// What the confirmation prompt shows is at risk, for each kind of write.
@Suite("Risk summaries of the confirmation prompt", .gated)
struct RiskSummaryTests {
    static let mes = Contract(
        id: "CON.F.US.MES.Z26", name: "MESZ6", description: "Micro E-mini S&P 500", tickSize: dec("0.25"), tickValue: dec("1.25"),
        activeContract: true, symbolId: "F.US.MES"
    )
    static let cl = Contract(
        id: "CON.F.US.CLE.F27", name: "CLF7", description: "Crude Oil", tickSize: dec("0.01"), tickValue: 10, activeContract: true, symbolId: "F.US.CLE"
    )

    @Test func aBracketOrderShowsEachDistanceInTicksAndDollars() {
        let request = OrderRequest.limit(accountId: 1, contractId: Self.mes.id, side: .buy, size: 2, price: dec("5000.25"))
            .withBrackets(stopLossTicks: -8, takeProfitTicks: 16)
        let risk = RiskSummary.placement(request, contract: Self.mes)
        #expect(risk.action == "place a limit buy of 2 MESZ6 (CON.F.US.MES.Z26) at 5000.25")
        #expect(risk.details == [
            "1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts",
            "stop loss 8 ticks from the fill = $20.00 (8 x $1.25 x 2)",
            "take profit 16 ticks from the fill = $40.00 (16 x $1.25 x 2)",
        ])
    }

    @Test func anOrderWithoutAStopLossSaysSo() {
        let sell = OrderRequest.stop(accountId: 1, contractId: Self.cl.id, side: .sell, size: 1, stopPrice: dec("70.5"))
        let risk = RiskSummary.placement(sell, contract: Self.cl)
        #expect(risk.action == "place a stop sell of 1 CLF7 (CON.F.US.CLE.F27) stop 70.5")
        #expect(risk.details == ["1 tick (0.01) = $10.00 a contract", "no stop loss bracket: nothing attached limits the loss"])
        // A sell's take profit is signed negative on the wire; the prompt shows its distance.
        let short = OrderRequest.market(accountId: 1, contractId: Self.cl.id, side: .sell, size: 3).withBrackets(stopLossTicks: 25, takeProfitTicks: -50)
        #expect(RiskSummary.placement(short, contract: Self.cl).details == [
            "1 tick (0.01) = $10.00 a contract, $30.00 on 3 contracts",
            "stop loss 25 ticks from the fill = $750.00 (25 x $10.00 x 3)",
            "take profit 50 ticks from the fill = $1500.00 (50 x $10.00 x 3)",
        ])
    }

    @Test func dollarAmountsAreExactDecimals() {
        // 0.1 has no exact binary form; a Double product would print 0.30000000000000004.
        #expect(RiskSummary.amount(ticks: 3, tickValue: dec("0.1"), size: 1) == dec("0.3"))
        #expect(RiskSummary.amount(ticks: 7, tickValue: dec("12.5"), size: 3) == dec("262.5"))
        #expect(RiskSummary.amount(ticks: 8, tickValue: dec("15.625"), size: 2) == 250)
        #expect(RiskSummary.dollars(dec("262.5")) == "$262.50")
        #expect(RiskSummary.dollars(1500) == "$1500.00")
        #expect(RiskSummary.dollars(dec("-12.5")) == "-$12.50")
        // Never rounded: a tick of ZN is worth $15.625, and that is what is shown.
        #expect(RiskSummary.dollars(dec("15.625")) == "$15.625")
        #expect(RiskSummary.dollars(dec("0.005")) == "$0.005")
    }

    static let order = Order(
        id: 7100000001, accountId: 1, contractId: mes.id, status: .open, type: .limit, side: .buy, size: 1, limitPrice: dec("5000.25")
    )

    @Test func aModificationShowsBeforeAndAfter() {
        let change = OrderModification(accountId: 1, orderId: Self.order.id, size: 2, limitPrice: dec("5001.5"))
        #expect(RiskSummary.modification(change, of: Self.order, contract: Self.mes) == [
            "order 7100000001: limit buy of 1 MESZ6 (CON.F.US.MES.Z26) at 5000.25, open",
            "size 1 -> 2",
            "limit 5000.25 -> 5001.5",
            "1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts",
        ])
        let stop = Order(id: 9, accountId: 1, contractId: "CON.F.US.X.Z26", status: .open, type: .stop, side: .sell, size: 3, stopPrice: 4990)
        #expect(RiskSummary.modification(OrderModification(accountId: 1, orderId: 9, stopPrice: 4995, trailPrice: 4980), of: stop, contract: nil) == [
            "order 9: stop sell of 3 CON.F.US.X.Z26 stop 4990, open",
            "stop 4990 -> 4995",
            "trail level -> 4980",
        ])
        let noLimit = OrderModification(accountId: 1, orderId: 9, limitPrice: 10)
        #expect(RiskSummary.modification(noLimit, of: stop, contract: nil)[1] == "limit - -> 10")
    }

    @Test func aCancellationListsTheOrders() {
        let child = Order(id: 7100000003, accountId: 1, contractId: Self.mes.id, status: .suspended, type: .stop, side: .sell, size: 1)
        #expect(RiskSummary.cancellation(of: [Self.order, child], contracts: [Self.mes.id: Self.mes]) == [
            "order 7100000001: limit buy of 1 MESZ6 (CON.F.US.MES.Z26) at 5000.25, open",
            "order 7100000003: stop sell of 1 MESZ6 (CON.F.US.MES.Z26), suspended",
        ])
    }

    static let position = Position(id: 1, accountId: 1, contractId: mes.id, type: .long, size: 3, averagePrice: dec("5000.25"))

    @Test func aCloseShowsThePositionAndHowMuchOfItCloses() {
        #expect(RiskSummary.close(Self.position, contract: Self.mes, size: nil) == [
            "position: long 3 MESZ6 (CON.F.US.MES.Z26) at an average of 5000.25",
            "closing all 3 at market",
            "1 tick (0.25) = $1.25 a contract, $3.75 on 3 contracts",
        ])
        #expect(RiskSummary.close(Self.position, contract: Self.mes, size: 1) == [
            "position: long 3 MESZ6 (CON.F.US.MES.Z26) at an average of 5000.25",
            "closing 1 of 3 at market",
            "1 tick (0.25) = $1.25 a contract",
        ])
        #expect(RiskSummary.close(Self.position, contract: Self.mes, size: 3)[1] == "closing all 3 at market")
        #expect(RiskSummary.close(nil, contract: Self.mes, size: nil) == [
            "no open position in MESZ6 (CON.F.US.MES.Z26) is listed; the gateway will refuse the close",
        ])
    }

    @Test func aFlattenListsEverything() {
        let short = Position(id: 2, accountId: 1, contractId: Self.cl.id, type: .short, size: 1, averagePrice: dec("70.12"))
        #expect(RiskSummary.flatten(orders: [Self.order], positions: [Self.position, short], contracts: [Self.mes.id: Self.mes]) == [
            "order 7100000001: limit buy of 1 MESZ6 (CON.F.US.MES.Z26) at 5000.25, open",
            "position: long 3 MESZ6 (CON.F.US.MES.Z26) at an average of 5000.25, closed at market",
            "position: short 1 CON.F.US.CLE.F27 at an average of 70.12, closed at market",
        ])
        #expect(RiskSummary.flattenAction(orders: 1, positions: 2) == "cancel 1 working order and close 2 positions at market")
        #expect(RiskSummary.flattenAction(orders: 3, positions: 0) == "cancel 3 working orders")
        #expect(RiskSummary.flattenAction(orders: 0, positions: 1) == "close 1 position at market")
    }
}
