import Foundation
import Testing
import TestGate
@testable import MarketData

@Suite("PriceKey: integer keys that order exactly as the decimals do", .gated)
struct PriceKeyTests {
    @Test func keysAreTheValueInBillionths() {
        #expect(PriceKey(dec("71.23"))?.billionths == 71_230_000_000)
        #expect(PriceKey(dec("-37.63"))?.billionths == -37_630_000_000)
        #expect(PriceKey(dec("0.015625"))?.billionths == 15_625_000)
        #expect(PriceKey(dec("0.000000001"))?.billionths == 1)
        #expect(PriceKey(0)?.billionths == 0)
        #expect(PriceKey(dec("6000"))?.billionths == 6_000_000_000_000)
        #expect(PriceKey(dec("9000000000"))?.billionths == 9_000_000_000_000_000_000)
    }

    @Test func pricesBeyondTheKeysHaveNone() {
        #expect(PriceKey(dec("0.0000000001")) == nil, "ten decimals")
        #expect(PriceKey(dec("5000.2500000001")) == nil)
        #expect(PriceKey(dec("10000000000")) == nil, "beyond Int64 in billionths")
        #expect(PriceKey(.nan) == nil)
    }

    /// The same number reached by arithmetic (with trailing zeros in its representation) has the
    /// same key as the one parsed from text.
    @Test func representationsOfOneNumberShareTheKey() {
        let computed = Decimal(7_123) * dec("0.01") + 10 * dec("0.010")
        #expect(PriceKey(computed) == PriceKey(dec("71.33")))
        #expect(PriceKey(4 * dec("0.25")) == PriceKey(1))
        #expect(PriceKey(dec("6012.50") - dec("0.25")) == PriceKey(dec("6012.25")))
    }

    /// Over many generated prices, comparing keys gives exactly the order and equality of the
    /// decimals themselves.
    @Test func keysOrderAsTheDecimals() {
        var generator = SeededGenerator(seed: 0x9E1C_E5)
        var prices: [Decimal] = []
        for _ in 0..<2_000 {
            let mantissa = UInt64.random(in: 0...999_999_999, using: &generator)
            let exponent = -Int.random(in: 0...9, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            prices.append(Decimal(sign: sign, exponent: exponent, significand: Decimal(mantissa)))
        }
        for (a, b) in zip(prices, prices.shuffled(using: &generator)) {
            guard let keyA = PriceKey(a), let keyB = PriceKey(b) else {
                Issue.record("\(a) or \(b) has no key")
                continue
            }
            #expect((keyA < keyB) == (a < b), "\(a) vs \(b)")
            #expect((keyA == keyB) == (a == b), "\(a) vs \(b)")
        }
    }
}
