import Foundation
import Testing
import TestGate
@testable import Gateway

/// Unrealised P&L: `(last − average) / tickSize × tickValue × size`, negated for a short.
@Suite("Unrealised P&L", .gated)
struct PositionValueTests {
    static func position(_ type: PositionType, size: Int, average: Decimal) -> Position {
        Position(id: 1, accountId: 1, contractId: "C", type: type, size: size, averagePrice: average)
    }

    /// (type, size, average, last, tick size, tick value, expected), prices as the wire's text.
    static let cases: [(PositionType, Int, String, String, String, String, String)] = [
        (.long, 2, "5000", "5001.25", "0.25", "12.5", "125"),  // ES: 5 ticks x 12.50 x 2
        (.short, 2, "5000", "5001.25", "0.25", "12.5", "-125"),
        (.long, 1, "5000", "4999.75", "0.25", "1.25", "-1.25"),  // MES: one tick against a long
        (.short, 3, "5000", "4999.75", "0.25", "1.25", "3.75"),
        (.long, 1, "71.23", "71.20", "0.01", "10", "-30"),  // CL: 3 ticks x 10
        (.short, 1, "71.23", "71.20", "0.01", "10", "30"),
        (.long, 4, "18000", "18000", "0.25", "5", "0"),  // at the average: nothing
        (.long, 1, "2650.1", "2651.1", "0.1", "10", "100"),  // GC: 10 ticks x 10
        (.long, 1, "110.5", "110.53125", "0.03125", "31.25", "31.25"),  // 1/32 ticks
    ]

    @Test func longsGainWhenThePriceRisesAndShortsWhenItFalls() {
        for (type, size, average, last, tickSize, tickValue, expected) in Self.cases {
            let value = PositionValue.unrealizedProfitAndLoss(
                of: Self.position(type, size: size, average: dec(average)), at: dec(last), tickSize: dec(tickSize), tickValue: dec(tickValue)
            )
            #expect(value == dec(expected), "\(type) \(size) @ \(average), last \(last): exactly \(expected)")
        }
    }

    /// An average between ticks (two fills at different prices) values to within a
    /// ten-billionth: the gateway sends such averages rounded.
    @Test func anAverageBetweenTicks() throws {
        let value = try #require(PositionValue.unrealizedProfitAndLoss(
            of: Self.position(.long, size: 3, average: dec("5000.0833333333")), at: dec("5000.25"), tickSize: dec("0.25"), tickValue: dec("12.5")
        ))
        #expect(abs(value - 25) < dec("0.0000001"))
    }

    @Test func nothingIsMadeUpWithoutWhatItNeeds() {
        let position = Self.position(.long, size: 1, average: 5000)
        #expect(PositionValue.unrealizedProfitAndLoss(of: Self.position(.undefined, size: 1, average: 5000), at: 5001, tickSize: dec("0.25"), tickValue: dec("1.25")) == nil)
        #expect(PositionValue.unrealizedProfitAndLoss(of: position, at: 5001, tickSize: 0, tickValue: dec("1.25")) == nil)
        #expect(PositionValue.unrealizedProfitAndLoss(of: position, at: 5001, tickSize: dec("-0.25"), tickValue: 1.25) == nil)
        #expect(PositionValue.unrealizedProfitAndLoss(of: position, at: .nan, tickSize: dec("0.25"), tickValue: dec("1.25")) == nil)
        let contract = Contract(id: "C", name: "MESZ6", description: "", tickSize: dec("0.25"), tickValue: dec("1.25"), activeContract: true, symbolId: "F.US.MES")
        #expect(PositionValue(position: position, contract: contract, lastPrice: nil).unrealizedProfitAndLoss == nil, "no quote yet")
        #expect(PositionValue(position: position, contract: nil, lastPrice: 5001).unrealizedProfitAndLoss == nil, "no contract")
        #expect(PositionValue(position: position, contract: contract, lastPrice: 5001).unrealizedProfitAndLoss == 5)
    }
}
