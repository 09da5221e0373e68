import Foundation
import Testing
@testable import MarketData
import TestGate

/// Shorthands keep the book scenarios readable.
private func ask(_ price: Decimal, _ size: Int) -> DepthEntry { DepthEntry(type: .ask, price: price, volume: size) }
private func bid(_ price: Decimal, _ size: Int) -> DepthEntry { DepthEntry(type: .bid, price: price, volume: size) }
private func level(_ price: Decimal, _ size: Int) -> BookLevel { BookLevel(price: price, size: size) }
private let reset = DepthEntry(type: .reset)

/// A valid book: bids 100, 99.75, 99.5 and asks 100.25, 100.5, 100.75, sizes 10/20/30.
private func sampleBook() -> OrderBook {
    var book = OrderBook()
    book.apply([reset, bid(dec("99.5"), 30), bid(100, 10), bid(dec("99.75"), 20), ask(dec("100.75"), 30), ask(dec("100.25"), 10), ask(dec("100.5"), 20)])
    return book
}

@Suite("OrderBook applies each DomType as documented", .gated)
struct OrderBookTests {
    @Test func newBookIsEmptyAndAwaitsASnapshot() {
        let book = OrderBook()
        #expect(!book.isValid)
        #expect(book.invalidReason == OrderBook.awaitingSnapshotReason)
        #expect(book.bestBid == nil && book.bestAsk == nil)
        #expect(book.spread == nil && book.mid == nil)
        #expect(!book.isCrossed)
        #expect(book.bids().isEmpty && book.asks().isEmpty)
        #expect(book.updateCount == 0)
    }

    @Test func snapshotIsSortedBestFirst() {
        let book = sampleBook()
        #expect(book.isValid)
        #expect(book.invalidReason == nil)
        #expect(book.bids() == [level(100, 10), level(dec("99.75"), 20), level(dec("99.5"), 30)])
        #expect(book.asks() == [level(dec("100.25"), 10), level(dec("100.5"), 20), level(dec("100.75"), 30)])
        #expect(book.bestBid == level(100, 10))
        #expect(book.bestAsk == level(dec("100.25"), 10))
        #expect(book.spread == dec("0.25"))
        #expect(book.mid == dec("100.125"))
        #expect(book.bidLevelCount == 3 && book.askLevelCount == 3)
        #expect(book.updateCount == 7)
    }

    @Test func limitsTruncateFromTheBest() {
        let book = sampleBook()
        #expect(book.bids(limit: 2) == [level(100, 10), level(dec("99.75"), 20)])
        #expect(book.asks(limit: 1) == [level(dec("100.25"), 10)])
        #expect(book.asks(limit: 0).isEmpty)
        #expect(book.bids(limit: -3).isEmpty)
        #expect(book.bids(limit: 50).count == 3)
    }

    @Test func askAndBidSetReplaceAndRemoveLevels() {
        var book = sampleBook()
        book.apply(bid(dec("99.75"), 25))            // replace
        book.apply(ask(dec("100.5"), 0))             // remove
        book.apply(ask(101, 5))               // insert at the back
        book.apply(bid(dec("99.25"), 0))             // removing an absent level is a no-op
        book.apply(bid(dec("99.6"), 1))              // insert in the middle
        #expect(book.bids() == [level(100, 10), level(dec("99.75"), 25), level(dec("99.6"), 1), level(dec("99.5"), 30)])
        #expect(book.asks() == [level(dec("100.25"), 10), level(dec("100.75"), 30), level(101, 5)])
    }

    @Test(arguments: [DomType.bestBid, .newBestBid])
    func bestBidRemovesBetterBidsAndCrossedAsks(type: DomType) {
        var book = sampleBook()
        book.apply(DepthEntry(type: type, price: dec("99.75"), volume: 7))
        #expect(book.bids() == [level(dec("99.75"), 7), level(dec("99.5"), 30)])
        #expect(book.asks().count == 3)

        book.apply(DepthEntry(type: type, price: dec("100.5"), volume: 4))
        #expect(book.bids() == [level(dec("100.5"), 4), level(dec("99.75"), 7), level(dec("99.5"), 30)])
        #expect(book.asks() == [level(dec("100.75"), 30)])  // 100.25 and the locked 100.5 were stale
        #expect(!book.isCrossed)
    }

    @Test(arguments: [DomType.bestAsk, .newBestAsk])
    func bestAskRemovesBetterAsksAndCrossedBids(type: DomType) {
        var book = sampleBook()
        book.apply(DepthEntry(type: type, price: dec("100.5"), volume: 3))
        #expect(book.asks() == [level(dec("100.5"), 3), level(dec("100.75"), 30)])
        #expect(book.bids().count == 3)

        book.apply(DepthEntry(type: type, price: dec("99.75"), volume: 2))
        #expect(book.asks() == [level(dec("99.75"), 2), level(dec("100.5"), 3), level(dec("100.75"), 30)])
        #expect(book.bids() == [level(dec("99.5"), 30)])
        #expect(!book.isCrossed)
    }

    @Test func bestWithZeroSizeVacatesWithoutTouchingTheOtherSide() {
        var book = sampleBook()
        book.apply(DepthEntry(type: .bestBid, price: dec("99.75"), volume: 0))
        #expect(book.bids() == [level(dec("99.5"), 30)])
        #expect(book.asks().count == 3)
        book.apply(DepthEntry(type: .newBestAsk, price: dec("100.5"), volume: 0))
        #expect(book.asks() == [level(dec("100.75"), 30)])
        #expect(book.bids() == [level(dec("99.5"), 30)])
    }

    @Test func plainLevelUpdatesMayCrossAndSaySo() {
        var book = sampleBook()
        book.apply(bid(dec("100.25"), 5))
        #expect(book.isCrossed)
        #expect(book.spread == 0)
        #expect(book.asks().first == level(dec("100.25"), 10))
        book.apply(ask(dec("100.25"), 0))            // the matching removal arrives
        #expect(!book.isCrossed)
        #expect(book.bestBid == level(dec("100.25"), 5))
    }

    @Test(arguments: [DomType.trade, .fill])
    func tradesAndFillsRecordTheLastTradeOnly(type: DomType) {
        var book = sampleBook()
        let before = (book.bids(), book.asks())
        book.apply(DepthEntry(type: type, price: dec("100.25"), volume: 3, timestamp: "2025-07-18T21:00:01Z"))
        #expect(book.bids() == before.0 && book.asks() == before.1)
        #expect(book.lastTradePrice == dec("100.25"))
        #expect(book.lastTradeSize == 3)
        #expect(book.lastTimestamp == "2025-07-18T21:00:01Z")
    }

    @Test func lowAndHighRecordSessionExtremesOnly() {
        var book = sampleBook()
        book.apply([DepthEntry(type: .low, price: 95), DepthEntry(type: .high, price: dec("105.5"))])
        #expect(book.sessionLow == 95)
        #expect(book.sessionHigh == dec("105.5"))
        #expect(book.bids().count == 3 && book.asks().count == 3)
    }

    @Test(arguments: [DomType.unknown, .unrecognized(12), .unrecognized(-1)])
    func unknownTypesAreIgnoredButCounted(type: DomType) {
        var book = sampleBook()
        book.apply(DepthEntry(type: type, price: 100, volume: 99))
        #expect(book.bids().first == level(100, 10))
        #expect(book.updateCount == 8)
        #expect(book.malformedCount == 0)
        #expect(book.lastTradePrice == nil)
    }

    @Test func everyDomTypeIsHandledWithoutTouchingTheWrongSide() {
        // One sweep over the whole enum: which side each type may change.
        for type in DomType.knownCases + [.unrecognized(50)] {
            var book = sampleBook()
            book.apply(DepthEntry(type: type, price: 100, volume: 1))
            switch type {
            case .reset:
                #expect(book.bids().isEmpty && book.asks().isEmpty, "\(type)")
            case .bid, .bestBid, .newBestBid:
                #expect(book.bestBid == level(100, 1), "\(type)")
                #expect(book.asks().count == 3, "\(type)")
            case .ask, .bestAsk, .newBestAsk:
                #expect(book.bestAsk == level(100, 1), "\(type)")
                let expectedBids = type == .ask ? 3 : 2   // a best ask at 100 removes the bid at 100
                #expect(book.bids().count == expectedBids, "\(type)")
            default:
                #expect(book.bids() == sampleBook().bids() && book.asks() == sampleBook().asks(), "\(type)")
            }
        }
    }

    @Test func malformedLevelEntriesChangeNothing() {
        var book = sampleBook()
        book.apply([
            DepthEntry(type: .bid, volume: 5),                       // no price
            DepthEntry(type: .ask, price: dec("100.25")),                   // no size
            DepthEntry(type: .bid, price: .nan, volume: 1),
            DepthEntry(type: .newBestAsk, volume: 1),                // no price on a best event
            DepthEntry(type: .bestBid, price: 100, volume: -2),
        ])
        #expect(book.malformedCount == 5)
        #expect(book.bids() == sampleBook().bids())
        #expect(book.asks() == sampleBook().asks())
    }

    @Test func sizeFallsBackToCurrentVolume() {
        var book = sampleBook()
        book.apply(DepthEntry(type: .bid, price: 99, currentVolume: 8))
        book.apply(DepthEntry(type: .ask, price: 101, volume: 3, currentVolume: 9))
        #expect(book.bids().last == level(99, 8))
        #expect(book.asks().last == level(101, 3))
    }

    /// Exact decimals key the levels: 5000.25 and 5000.250000000 are one price without any
    /// snapping, and a price off the grid stays its own level (the book shows what was sent).
    @Test func pricesAreExactDecimals() throws {
        let tick = try #require(TickSize(dec("0.25")))
        var book = OrderBook(tickSize: tick)
        book.apply(reset)
        book.apply(try decode(OneOrMany<DepthEntry>.self, #"[{"type":2,"price":5000.250000000,"volume":1},{"type":2,"price":5000.25,"volume":2}]"#))
        book.apply(ask(dec("5000.75"), 3))
        #expect(book.bids() == [level(dec("5000.25"), 2)])
        #expect(book.spread == dec("0.5"))
        #expect(book.spreadTicks == 2)
        #expect(book.mid == dec("5000.5"))
        book.apply(ask(dec("5000.5000000001"), 4))
        #expect(book.asks() == [level(dec("5000.5000000001"), 4), level(dec("5000.75"), 3)])
        #expect(book.spread == dec("0.2500000001"))
        #expect(book.spreadTicks == 1)
        #expect(OrderBook().spreadTicks == nil)
    }

    /// Cents, as on CL: the spread and mid are exact (no 0.010000000000005 residue).
    @Test func centSpreadsAreExact() throws {
        var book = OrderBook(tickSize: TickSize(dec("0.01")))
        book.apply([reset, bid(dec("71.23"), 1), ask(dec("71.24"), 1)])
        #expect(book.spread == dec("0.01") && book.spread?.description == "0.01")
        #expect(book.mid == dec("71.235"))
        #expect(book.spreadTicks == 1)
        book.apply([reset, bid(dec("-37.64"), 1), ask(dec("-37.63"), 1)])
        #expect(book.spread == dec("0.01") && book.bestBid?.price == dec("-37.64"))
    }

    // MARK: Validity

    @Test func invalidateKeepsLevelsUntilAResetStartsASnapshot() {
        var book = sampleBook()
        book.invalidate(reason: "disconnected")
        #expect(!book.isValid)
        #expect(book.invalidReason == "disconnected")
        #expect(book.bids().count == 3)                      // kept for display

        book.apply(bid(100, 11))                             // an increment is not a snapshot
        #expect(!book.isValid)
        book.invalidate(reason: "feed stale")
        #expect(book.invalidReason == "feed stale")

        book.apply([reset, bid(99, 1), ask(dec("99.25"), 2)])
        #expect(book.isValid)
        #expect(book.invalidReason == nil)
        #expect(book.bids() == [level(99, 1)])
        #expect(book.asks() == [level(dec("99.25"), 2)])
    }

    @Test func resetClearsLevelsButKeepsTradeStatistics() {
        var book = sampleBook()
        book.apply([DepthEntry(type: .trade, price: 100, volume: 1), DepthEntry(type: .high, price: 101)])
        book.apply(reset)
        #expect(book.bids().isEmpty && book.asks().isEmpty)
        #expect(book.lastTradePrice == 100)
        #expect(book.sessionHigh == 101)
        #expect(book.isValid)
    }

    @Test func resetInTheMiddleOfABatchDropsWhatCameBefore() {
        var book = OrderBook()
        book.apply([bid(1, 1), ask(2, 1), reset, bid(dec("1.5"), 4)])
        #expect(book.isValid)
        #expect(book.bids() == [level(dec("1.5"), 4)])
        #expect(book.asks().isEmpty)
        #expect(book.updateCount == 4)
    }

    @Test func appliesADecodedGatewayPayload() throws {
        let json = """
            [{"timestamp":"2025-07-18T21:00:01.268009+00:00","type":6,"price":0,"volume":0,"currentVolume":0},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":2,"price":5000.00,"volume":12,"currentVolume":12},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":1,"price":5000.50,"volume":7,"currentVolume":7},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":4,"price":5000.25,"volume":3,"currentVolume":3},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":10,"price":5000.75,"volume":9,"currentVolume":9},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":5,"price":5000.50,"volume":2,"currentVolume":0},
             {"timestamp":"2025-07-18T21:00:01.268009+00:00","type":99,"price":1,"volume":1}]
            """
        var book = OrderBook()
        book.apply(try decode(OneOrMany<DepthEntry>.self, json))
        #expect(book.isValid)
        #expect(book.bids() == [level(dec("5000.25"), 3), level(5000, 12)])
        #expect(book.asks() == [level(dec("5000.75"), 9)])          // new best ask 5000.75 drops 5000.50
        #expect(book.lastTradePrice == dec("5000.5"))
        #expect(book.updateCount == 7)
    }
}
