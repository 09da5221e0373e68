import Foundation
import Gateway
import MarketData
import SignalRProtocol

/// The rate at which an ``OrderBook`` applies depth updates already decoded: the next step of a
/// depth consumer after ``FramingLimit``'s model decoding.
///
/// The updates are single-level `GatewayDepth` entries of a walk on ES's 0.25 grid (levels set,
/// changed and removed on both sides within ten ticks of the touch, with best-price events now
/// and then), decoded from their wire text before the clock starts.
enum BookLimit {
    static func measure(updates count: Int = 300_000) throws -> Double {
        var random: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }
        var touch = 24_000 * 4  // in ticks of 0.25
        var batches: [OneOrMany<DepthEntry>] = []
        batches.reserveCapacity(count)
        for _ in 0..<count {
            if next(20) == 0 { touch += next(3) - 1 }
            let isBid = next(2) == 0
            let distance = next(10)
            let ticks = isBid ? touch - distance : touch + 1 + distance
            let type = distance == 0 && next(4) == 0 ? (isBid ? 4 : 3) : (isBid ? 2 : 1)
            let size = next(6) == 0 ? 0 : 1 + next(40)
            let price = "\(ticks / 4)." + ["00", "25", "5", "75"][ticks % 4]
            let text = #"[{"timestamp":"2026-11-27T14:30:01.268009+00:00","type":\#(type),"price":\#(price),"volume":\#(size),"currentVolume":\#(size)}]"#
            batches.append(try OneOrMany<DepthEntry>(hubPayload: RawJSON(validating: text)))
        }
        let tickSize = try JSONDecoder().decode(TickSize.self, from: Data("0.25".utf8))
        let reset = try OneOrMany<DepthEntry>(hubPayload: RawJSON(validating: #"[{"type":6}]"#))
        var levels = 0
        let apply = {
            var book = OrderBook(tickSize: tickSize)
            book.apply(reset)
            for batch in batches { book.apply(batch) }
            levels = book.bidLevelCount + book.askLevelCount
        }
        apply()  // warm up
        let elapsed = ContinuousClock().measure(apply)
        precondition(levels > 0, "the walk leaves levels in the book")
        let (seconds, attoseconds) = elapsed.components
        return Double(count) / (Double(seconds) + Double(attoseconds) / 1e18)
    }
}
