import Foundation

/// The simulated market of one contract: a one-tick-wide book with ten levels a side, trade
/// flow that consumes the touch and moves the price on the tick grid, and session statistics.
/// Pure value type; the ``MarketFeed`` owns one per contract and mutates it under its lock.
struct InstrumentBook {
    static let levels = 10

    let contract: SimContract
    private var rng: Xoshiro256
    /// Best bid in ticks; the best ask is always one tick above.
    private(set) var bestBid: Int64
    /// Resting sizes, index 0 at the best price.
    private(set) var bids: [Int]
    private(set) var asks: [Int]
    private(set) var last: Int64
    private(set) var open: Int64
    private(set) var high: Int64
    private(set) var low: Int64
    private(set) var volume: Int
    private(set) var lastStamp: String
    let previousClose: Int64

    var bestAsk: Int64 { bestBid + 1 }

    init(contract: SimContract, seed: UInt64, reference: ReferencePath, now: Date) {
        self.contract = contract
        self.rng = Xoshiro256(seed: seed ^ SplitMix64.fnv1a(contract.id))
        let start = contract.nearestTicks(of: reference.price(of: contract.product, at: now))
        self.previousClose = contract.nearestTicks(of: reference.price(of: contract.product, at: now.addingTimeInterval(-86_400)))
        self.bestBid = start
        self.last = start
        self.open = start
        self.high = start
        self.low = start
        self.volume = 0
        self.lastStamp = ISOTimestamp.format(now)
        self.bids = []
        self.asks = []
        for level in 0..<InstrumentBook.levels {
            bids.append(freshSize(level: level))
            asks.append(freshSize(level: level))
        }
    }

    private mutating func freshSize(level: Int) -> Int {
        5 + level * 3 + rng.below(20 + level * 4)
    }

    var touch: MarketTouch {
        MarketTouch(contractId: contract.id, bestBid: bestBid, bestAsk: bestAsk, last: last)
    }

    // MARK: Evolution

    /// One market update: a trade at the touch (55 %) or a change of resting size (45 %).
    /// Trades lean toward `target` (the reference price, in ticks), which keeps the walk near the
    /// seed's history without making it predictable.
    mutating func update(target: Int64, stamp: String, into events: inout [SimMarketEvent], touch: inout MarketTouch) {
        lastStamp = stamp
        if rng.below(100) < 55 {
            let gap = Double(target - bestBid) - 0.5
            let lean = max(-0.3, min(0.3, gap / 40))
            let buyerAggressor = rng.unit() < 0.5 + lean
            trade(buyer: buyerAggressor, size: 1 + rng.below(4), stamp: stamp, into: &events)
            touch.recordTrade(at: last)
        } else {
            let bidSide = rng.below(2) == 0
            let level = rng.below(InstrumentBook.levels)
            let delta = rng.below(14) - 5
            if bidSide {
                bids[level] = max(1, bids[level] + delta)
                events.append(.depth(contractId: contract.id, [
                    DepthPayload(timestamp: stamp, type: .bid, price: price(bestBid - Int64(level)), volume: bids[level]),
                ]))
            } else {
                asks[level] = max(1, asks[level] + delta)
                events.append(.depth(contractId: contract.id, [
                    DepthPayload(timestamp: stamp, type: .ask, price: price(bestAsk + Int64(level)), volume: asks[level]),
                ]))
            }
        }
        touch.bestBid = bestBid
        touch.bestAsk = bestAsk
    }

    /// A trade of `size` against the touch. When the touch level empties the book shifts a tick.
    mutating func trade(buyer: Bool, size: Int, stamp: String, into events: inout [SimMarketEvent]) {
        var depth: [DepthPayload] = []
        depth.reserveCapacity(8)
        let tradePrice: Int64
        let traded: Int
        if buyer {
            tradePrice = bestAsk
            traded = min(size, asks[0])
            asks[0] -= traded
            depth.append(DepthPayload(timestamp: stamp, type: .trade, price: price(tradePrice), volume: traded))
            if asks[0] == 0 { shiftUp(stamp: stamp, into: &depth) } else {
                depth.append(DepthPayload(timestamp: stamp, type: .ask, price: price(tradePrice), volume: asks[0]))
            }
        } else {
            tradePrice = bestBid
            traded = min(size, bids[0])
            bids[0] -= traded
            depth.append(DepthPayload(timestamp: stamp, type: .trade, price: price(tradePrice), volume: traded))
            if bids[0] == 0 { shiftDown(stamp: stamp, into: &depth) } else {
                depth.append(DepthPayload(timestamp: stamp, type: .bid, price: price(tradePrice), volume: bids[0]))
            }
        }
        last = tradePrice
        volume += traded
        if last > high {
            high = last
            depth.append(DepthPayload(timestamp: stamp, type: .high, price: price(high), volume: 0))
        }
        if last < low {
            low = last
            depth.append(DepthPayload(timestamp: stamp, type: .low, price: price(low), volume: 0))
        }
        let print = TradePayload(
            symbolId: contract.symbolId, price: price(tradePrice), timestamp: stamp,
            type: buyer ? SimTradeLogType.buy.rawValue : SimTradeLogType.sell.rawValue, volume: traded
        )
        events.append(.trades(contractId: contract.id, [print]))
        events.append(.depth(contractId: contract.id, depth))
        events.append(.quote(contractId: contract.id, quote))
    }

    /// The best ask level emptied: it becomes the new best bid level.
    private mutating func shiftUp(stamp: String, into depth: inout [DepthPayload]) {
        let oldAsk = bestAsk
        depth.append(DepthPayload(timestamp: stamp, type: .ask, price: price(oldAsk), volume: 0))
        depth.append(DepthPayload(timestamp: stamp, type: .bid, price: price(bestBid - Int64(InstrumentBook.levels - 1)), volume: 0))
        bids.removeLast()
        bids.insert(freshSize(level: 0), at: 0)
        asks.removeFirst()
        asks.append(freshSize(level: InstrumentBook.levels - 1))
        bestBid = oldAsk
        depth.append(DepthPayload(timestamp: stamp, type: .bid, price: price(bestBid), volume: bids[0]))
        depth.append(DepthPayload(timestamp: stamp, type: .ask, price: price(bestAsk + Int64(InstrumentBook.levels - 1)), volume: asks[InstrumentBook.levels - 1]))
        depth.append(DepthPayload(timestamp: stamp, type: .newBestBid, price: price(bestBid), volume: bids[0]))
        depth.append(DepthPayload(timestamp: stamp, type: .newBestAsk, price: price(bestAsk), volume: asks[0]))
    }

    /// The best bid level emptied: it becomes the new best ask level.
    private mutating func shiftDown(stamp: String, into depth: inout [DepthPayload]) {
        let oldBid = bestBid
        depth.append(DepthPayload(timestamp: stamp, type: .bid, price: price(oldBid), volume: 0))
        depth.append(DepthPayload(timestamp: stamp, type: .ask, price: price(bestAsk + Int64(InstrumentBook.levels - 1)), volume: 0))
        asks.removeLast()
        asks.insert(freshSize(level: 0), at: 0)
        bids.removeFirst()
        bids.append(freshSize(level: InstrumentBook.levels - 1))
        bestBid = oldBid - 1
        depth.append(DepthPayload(timestamp: stamp, type: .ask, price: price(bestAsk), volume: asks[0]))
        depth.append(DepthPayload(timestamp: stamp, type: .bid, price: price(bestBid - Int64(InstrumentBook.levels - 1)), volume: bids[InstrumentBook.levels - 1]))
        depth.append(DepthPayload(timestamp: stamp, type: .newBestBid, price: price(bestBid), volume: bids[0]))
        depth.append(DepthPayload(timestamp: stamp, type: .newBestAsk, price: price(bestAsk), volume: asks[0]))
    }

    /// Scripted move (tests, admin endpoint): one print of size 1 at `ticks`, after which the
    /// last price is `ticks`, the best bid `ticks` and the best ask one tick above. Emits the
    /// trade, a full depth snapshot and a quote.
    mutating func move(to ticks: Int64, stamp: String, into events: inout [SimMarketEvent], touch: inout MarketTouch) {
        lastStamp = stamp
        let buyer = ticks >= last
        bestBid = ticks
        for level in 0..<InstrumentBook.levels {
            bids[level] = freshSize(level: level)
            asks[level] = freshSize(level: level)
        }
        last = ticks
        volume += 1
        high = max(high, ticks)
        low = min(low, ticks)
        touch.recordTrade(at: ticks)
        touch.bestBid = bestBid
        touch.bestAsk = bestAsk
        events.append(.trades(contractId: contract.id, [TradePayload(
            symbolId: contract.symbolId, price: price(ticks), timestamp: stamp,
            type: buyer ? SimTradeLogType.buy.rawValue : SimTradeLogType.sell.rawValue, volume: 1
        )]))
        events.append(.depth(contractId: contract.id, depthSnapshot(stamp: stamp)))
        events.append(.quote(contractId: contract.id, quote))
    }

    // MARK: Views

    func price(_ ticks: Int64) -> FixedDecimal { contract.price(ofTicks: ticks) }

    /// The current quote, stamped with the time of the last update.
    var quote: QuotePayload {
        QuotePayload(
            symbol: contract.symbolId, symbolName: contract.symbolName, lastPrice: price(last),
            bestBid: price(bestBid), bestAsk: price(bestAsk), change: price(last - previousClose),
            changePercent: InstrumentBook.percent(last - previousClose, of: previousClose),
            open: price(open), high: price(high), low: price(low), volume: volume,
            lastUpdated: lastStamp, timestamp: lastStamp
        )
    }

    /// `part` as a percentage of `whole`, exactly to two places (half away from zero), in
    /// integers: both are tick counts of one contract, so their ratio needs no tick size.
    static func percent(_ part: Int64, of whole: Int64) -> FixedDecimal {
        guard whole != 0 else { return FixedDecimal(0) }
        let scaled = part * 10_000
        var hundredths = scaled / whole
        let remainder = scaled % whole
        if 2 * remainder.magnitude >= whole.magnitude {
            hundredths += (scaled < 0) != (whole < 0) ? -1 : 1
        }
        return FixedDecimal(units: hundredths, places: 2)
    }

    /// A full-book snapshot: a Reset entry, the ten ask levels (Ask), the ten bid levels (Bid),
    /// then BestAsk and BestBid for the touch.
    func depthSnapshot(stamp: String) -> [DepthPayload] {
        var entries: [DepthPayload] = [DepthPayload(timestamp: stamp, type: .reset, price: FixedDecimal(0), volume: 0)]
        entries.reserveCapacity(2 * InstrumentBook.levels + 3)
        for level in 0..<InstrumentBook.levels {
            entries.append(DepthPayload(timestamp: stamp, type: .ask, price: price(bestAsk + Int64(level)), volume: asks[level]))
        }
        for level in 0..<InstrumentBook.levels {
            entries.append(DepthPayload(timestamp: stamp, type: .bid, price: price(bestBid - Int64(level)), volume: bids[level]))
        }
        entries.append(DepthPayload(timestamp: stamp, type: .bestAsk, price: price(bestAsk), volume: asks[0]))
        entries.append(DepthPayload(timestamp: stamp, type: .bestBid, price: price(bestBid), volume: bids[0]))
        return entries
    }
}
