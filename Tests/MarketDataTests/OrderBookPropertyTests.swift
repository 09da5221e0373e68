import Foundation
import Testing
@testable import MarketData
import TestGate

/// The documented book semantics, written the slow and obvious way (dictionaries, full sorts),
/// as an oracle for the binary-search implementation.
private struct ModelBook {
    var bids: [Decimal: Int] = [:]
    var asks: [Decimal: Int] = [:]
    var valid = false

    mutating func apply(_ entry: DepthEntry) {
        switch entry.type {
        case .reset:
            bids = [:]
            asks = [:]
            valid = true
        case .bid, .bestBid, .newBestBid, .ask, .bestAsk, .newBestAsk:
            guard let price = entry.price, !price.isNaN, let size = entry.size, size >= 0 else { return }
            let isBid = [.bid, .bestBid, .newBestBid].contains(entry.type)
            let isBest = ![.bid, .ask].contains(entry.type)
            if isBid {
                bids[price] = size > 0 ? size : nil
                if isBest {
                    bids = bids.filter { $0.key <= price }
                    if size > 0 { asks = asks.filter { $0.key > price } }
                }
            } else {
                asks[price] = size > 0 ? size : nil
                if isBest {
                    asks = asks.filter { $0.key >= price }
                    if size > 0 { bids = bids.filter { $0.key < price } }
                }
            }
        default:
            break
        }
    }

    var sortedBids: [BookLevel] { bids.sorted { $0.key > $1.key }.map { BookLevel(price: $0.key, size: $0.value) } }
    var sortedAsks: [BookLevel] { asks.sorted { $0.key < $1.key }.map { BookLevel(price: $0.key, size: $0.value) } }
}

@Suite("OrderBook invariants under random depth streams", .gated)
struct OrderBookPropertyTests {
    /// A quarter point, ES's tick.
    private static let quarter = Decimal(sign: .plus, exponent: -2, significand: 25)

    /// The price of `ticks` quarter points, exactly.
    private static func price(_ ticks: Int) -> Decimal { Decimal(ticks) * quarter }

    /// Entries near a drifting mid (in quarter-point ticks), every DomType plus unknown values,
    /// occasional malformed entries, resets and disconnects.
    private static func randomEntry(mid: Int, using generator: inout SeededGenerator) -> DepthEntry {
        let offset = Int.random(in: -12...12, using: &generator)
        let size = Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0
            ? 0 : Int.random(in: 1...60, using: &generator)
        let roll = Int.random(in: 0..<100, using: &generator)
        let type: DomType = switch roll {
        case 0: .reset
        case 1: .unrecognized(Int.random(in: 12...40, using: &generator))
        case 2..<40: .bid
        case 40..<78: .ask
        case 78..<83: .bestBid
        case 83..<88: .newBestBid
        case 88..<91: .bestAsk
        case 91..<94: .newBestAsk
        default: DomType(rawValue: [0, 5, 7, 8, 11].randomElement(using: &generator) ?? 0)
        }
        // Bias level updates to their own side of the mid so the book looks like a book,
        // but let some cross to exercise the trims.
        let crossing = Int.random(in: 0..<10, using: &generator) == 0
        var ticks = mid + offset
        if [.bid, .bestBid, .newBestBid].contains(type), !crossing { ticks = mid - abs(offset) - 1 }
        if [.ask, .bestAsk, .newBestAsk].contains(type), !crossing { ticks = mid + abs(offset) + 1 }
        if Int.random(in: 0..<200, using: &generator) == 0 {
            return DepthEntry(type: type, price: nil, volume: size)     // malformed
        }
        return DepthEntry(type: type, price: price(ticks), volume: size)
    }

    private static func checkInvariants(_ book: OrderBook, seed: UInt64, step: Int) {
        let bids = book.bids()
        let asks = book.asks()
        #expect(zip(bids, bids.dropFirst()).allSatisfy { $0.price > $1.price }, "bids not strictly descending, seed \(seed) step \(step)")
        #expect(zip(asks, asks.dropFirst()).allSatisfy { $0.price < $1.price }, "asks not strictly ascending, seed \(seed) step \(step)")
        #expect((bids + asks).allSatisfy { $0.size > 0 }, "empty level kept, seed \(seed) step \(step)")
        #expect(book.bestBid == bids.first && book.bestAsk == asks.first)
        #expect(book.bidLevelCount == bids.count && book.askLevelCount == asks.count)
    }

    /// Prices with and without integer keys (more than nine decimals) side by side: the book's
    /// order and levels still match the model, which only compares `Decimal`s.
    @Test(arguments: [5, 6, 7] as [UInt64])
    func keyedAndUnkeyedPricesKeepOneOrder(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var book = OrderBook()
        var model = ModelBook()
        let nudge = Decimal(sign: .plus, exponent: -12, significand: 1)
        let reset = DepthEntry(type: .reset)
        book.apply(reset)
        model.apply(reset)
        for step in 0..<2_000 {
            var price = Self.price(20_000 + Int.random(in: -8...8, using: &generator))
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: price += nudge                                   // 12 decimals: no key
            case 1: price -= nudge
            default: break
            }
            let types: [DomType] = [.bid, .ask, .bestBid, .bestAsk, .newBestBid, .newBestAsk]
            let entry = DepthEntry(
                type: types[Int.random(in: 0..<types.count, using: &generator)], price: price,
                volume: Int.random(in: 0...20, using: &generator))
            book.apply(entry)
            model.apply(entry)
            Self.checkInvariants(book, seed: seed, step: step)
            guard book.bids() == model.sortedBids, book.asks() == model.sortedAsks else {
                Issue.record("book diverged from the model, seed \(seed) step \(step), entry \(entry)")
                return
            }
        }
    }

    @Test(arguments: [1, 2, 3, 42, 1_234, 99_991, 0xDEAD_BEEF] as [UInt64])
    func randomStreamsMatchTheModelAndKeepOrder(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var book = OrderBook()
        var model = ModelBook()
        var mid = 20_000  // 5000.00
        var expectedValid = false
        let steps = 3_000
        for step in 0..<steps {
            if Int.random(in: 0..<25, using: &generator) == 0 {
                mid += Int.random(in: -2...2, using: &generator)
            }
            if Int.random(in: 0..<300, using: &generator) == 0 {
                book.invalidate(reason: "disconnected")
                expectedValid = false
            }
            let entry = Self.randomEntry(mid: mid, using: &generator)
            book.apply(entry)
            model.apply(entry)
            if entry.type == .reset { expectedValid = true }

            Self.checkInvariants(book, seed: seed, step: step)
            #expect(book.isValid == expectedValid, "validity, seed \(seed) step \(step)")
            if [.bestBid, .newBestBid, .bestAsk, .newBestAsk].contains(entry.type), entry.price != nil, (entry.size ?? 0) > 0 {
                #expect(!book.isCrossed, "a best update left the book crossed, seed \(seed) step \(step)")
            }
            guard book.bids() == model.sortedBids, book.asks() == model.sortedAsks else {
                Issue.record("book diverged from the model, seed \(seed) step \(step), entry \(entry)")
                return
            }
        }
        #expect(book.updateCount == steps)

        // Whatever happened, a Reset-started snapshot yields exactly the fresh book.
        var snapshot: [DepthEntry] = [DepthEntry(type: .reset)]
        for index in 0..<20 {
            let distance = index / 2 + 1
            let size = Int.random(in: 1...80, using: &generator)
            snapshot.append(index.isMultiple(of: 2)
                ? DepthEntry(type: .bid, price: Self.price(mid - distance), volume: size)
                : DepthEntry(type: .ask, price: Self.price(mid + distance), volume: size))
        }
        snapshot.shuffle(using: &generator)
        if let resetIndex = snapshot.firstIndex(where: { $0.type == .reset }) { snapshot.swapAt(0, resetIndex) }

        book.invalidate(reason: "disconnected")
        book.apply(snapshot)
        var fresh = OrderBook()
        fresh.apply(snapshot)
        #expect(book.isValid && fresh.isValid)
        #expect(book.bids() == fresh.bids(), "seed \(seed)")
        #expect(book.asks() == fresh.asks(), "seed \(seed)")
        #expect(fresh.bidLevelCount == 10 && fresh.askLevelCount == 10)
        Self.checkInvariants(fresh, seed: seed, step: steps)
    }
}
