import Foundation
import Testing
@testable import MarketData
import TestGate

@Suite("Wire models decode the gateway's hub payloads", .gated)
struct WireModelDecodingTests {
    // MARK: Quote

    @Test func fullQuoteDecodesEveryField() throws {
        let json = """
            {"symbol":"F.US.EP","symbolName":"/ES","lastPrice":5000.25,"bestBid":5000.000000000,
             "bestAsk":5000.25,"change":12.5,"changePercent":0.25,"open":4987.75,"high":5003.5,
             "low":4985.0,"volume":123456,"lastUpdated":"2025-07-18T21:00:01.268009+00:00",
             "timestamp":"2025-07-18T21:00:01.268Z"}
            """
        let quote = try decode(Quote.self, json)
        #expect(quote.symbol == "F.US.EP")
        #expect(quote.symbolName == "/ES")
        #expect(quote.lastPrice == dec("5000.25"))
        #expect(quote.bestBid == 5000)
        #expect(quote.bestAsk == dec("5000.25"))
        #expect(quote.change == dec("12.5"))
        #expect(quote.changePercent == dec("0.25"))
        #expect(quote.open == dec("4987.75"))
        #expect(quote.high == dec("5003.5"))
        #expect(quote.low == 4985)
        #expect(quote.volume == 123_456)
        #expect(quote.lastUpdated == "2025-07-18T21:00:01.268009+00:00")
        #expect(quote.timestamp == "2025-07-18T21:00:01.268Z")
        let stamp = try #require(quote.timestampDate)
        #expect(abs(stamp.timeIntervalSince1970 - 1_752_872_401.268) < 1e-6)
        #expect(quote.lastUpdatedDate != nil)
    }

    @Test func partialQuoteLeavesOtherFieldsNil() throws {
        let quote = try decode(Quote.self, #"{"lastPrice":5001.5}"#)
        #expect(quote == Quote(lastPrice: dec("5001.5")))
        #expect(quote.bestBid == nil)
        #expect(quote.symbol == nil)
        #expect(!quote.isEmpty)
        #expect(try decode(Quote.self, "{}").isEmpty)
    }

    @Test func quoteIgnoresUnknownFieldsAndAcceptsNulls() throws {
        let json = #"{"symbol":"F.US.MES","bidSize":7,"nested":{"a":[1,2]},"bestBid":null,"lastPrice":6001}"#
        let quote = try decode(Quote.self, json)
        #expect(quote == Quote(symbol: "F.US.MES", lastPrice: 6001))
    }

    @Test func quoteVolumeAcceptsAnyJSONNumberForm() throws {
        #expect(try decode(Quote.self, #"{"volume":12.0}"#).volume == 12)
        #expect(try decode(Quote.self, #"{"volume":1e3}"#).volume == 1000)
        #expect(try decode(Quote.self, #"{"volume":12.6}"#).volume == 13)
    }

    @Test func wrongTypeIsAnErrorNotASilentNil() {
        #expect(throws: DecodingError.self) { try decode(Quote.self, #"{"lastPrice":"5000.25"}"#) }
        #expect(throws: DecodingError.self) { try decode(Quote.self, #"{"volume":"many"}"#) }
    }

    @Test func quoteEncodesOnlyPresentFields() throws {
        #expect(try encodeJSON(Quote(bestAsk: dec("1.5"), volume: 3)) == #"{"bestAsk":1.5,"volume":3}"#)
        let full = Quote(symbol: "F.US.EP", lastPrice: 1, bestBid: 2, timestamp: "2025-07-18T21:00:01Z")
        #expect(try decode(Quote.self, try encodeJSON(full)) == full)
    }

    // MARK: DepthEntry

    @Test func depthEntryDecodesVerbatimFields() throws {
        let json = #"{"timestamp":"2025-07-18T21:00:01.2680090+00:00","type":1,"price":5000.25,"volume":12,"currentVolume":10}"#
        let entry = try decode(DepthEntry.self, json)
        #expect(entry == DepthEntry(type: .ask, price: dec("5000.25"), volume: 12, currentVolume: 10,
                                    timestamp: "2025-07-18T21:00:01.2680090+00:00"))
        #expect(entry.size == 12)
        #expect(entry.timestampDate != nil)
    }

    @Test func depthEntryIsLenient() throws {
        let noType = try decode(DepthEntry.self, #"{"price":1.25,"volume":3,"extra":"x"}"#)
        #expect(noType.type == .unknown)
        let reset = try decode(DepthEntry.self, #"{"type":6}"#)
        #expect(reset == DepthEntry(type: .reset))
        let future = try decode(DepthEntry.self, #"{"type":42,"price":1}"#)
        #expect(future.type == .unrecognized(42))
        let onlyCurrent = try decode(DepthEntry.self, #"{"type":2,"price":1,"currentVolume":4}"#)
        #expect(onlyCurrent.size == 4)
        let floaty = try decode(DepthEntry.self, #"{"type":2,"price":1,"volume":4.0}"#)
        #expect(floaty.volume == 4)
    }

    @Test func depthEntryRoundTripsIncludingUnrecognizedType() throws {
        let entry = DepthEntry(type: .unrecognized(77), price: dec("2.5"), volume: 1)
        let text = try encodeJSON(entry)
        #expect(text == #"{"price":2.5,"type":77,"volume":1}"#)
        #expect(try decode(DepthEntry.self, text) == entry)
    }

    // MARK: MarketTrade

    @Test func tradeDecodesVerbatimFields() throws {
        let json = #"{"symbolId":"F.US.EP","price":5000.5,"timestamp":"2025-07-18T21:00:01Z","type":1,"volume":3}"#
        let trade = try decode(MarketTrade.self, json)
        #expect(trade == MarketTrade(symbolId: "F.US.EP", price: dec("5000.5"), timestamp: "2025-07-18T21:00:01Z",
                                     type: .sell, volume: 3))
        #expect(trade.timestampDate == Date(timeIntervalSince1970: 1_752_872_401))
    }

    @Test func tradeMissingTypeIsNotABuy() throws {
        let trade = try decode(MarketTrade.self, #"{"price":1,"volume":1}"#)
        #expect(trade.type == nil)
        #expect(try decode(MarketTrade.self, #"{"type":0}"#).type == .buy)
        #expect(try decode(MarketTrade.self, #"{"type":9}"#).type == .unrecognized(9))
    }

    // MARK: OneOrMany

    @Test func payloadMayBeAnArray() throws {
        let json = """
            [{"symbolId":"F.US.EP","price":5000.25,"timestamp":"2025-07-18T21:00:01Z","type":0,"volume":1},
             {"symbolId":"F.US.EP","price":5000.5,"timestamp":"2025-07-18T21:00:02Z","type":1,"volume":2}]
            """
        let trades = try decode(OneOrMany<MarketTrade>.self, json)
        #expect(trades.count == 2)
        #expect(trades.skippedCount == 0)
        #expect(trades.map(\.price) == [dec("5000.25"), dec("5000.5")])
        #expect(trades.map(\.type) == [.buy, .sell])
    }

    @Test func payloadMayBeASingleObject() throws {
        let depth = try decode(OneOrMany<DepthEntry>.self, #"{"type":3,"price":10.5,"volume":4}"#)
        #expect(depth.elements == [DepthEntry(type: .bestAsk, price: dec("10.5"), volume: 4)])
    }

    @Test func payloadMayBeNullOrEmpty() throws {
        #expect(try decode(OneOrMany<Quote>.self, "null").isEmpty)
        #expect(try decode(OneOrMany<DepthEntry>.self, "[]").isEmpty)
    }

    @Test func malformedArrayItemsAreSkippedAndCounted() throws {
        let json = #"[{"type":1,"price":1,"volume":1}, {"type":"Ask"}, null, 7, {"type":2,"price":0.5,"volume":2}]"#
        let depth = try decode(OneOrMany<DepthEntry>.self, json)
        #expect(depth.elements == [DepthEntry(type: .ask, price: 1, volume: 1),
                                   DepthEntry(type: .bid, price: dec("0.5"), volume: 2)])
        #expect(depth.skippedCount == 3)
    }

    @Test func malformedSingleObjectThrows() {
        #expect(throws: DecodingError.self) { try decode(OneOrMany<DepthEntry>.self, #"{"type":"Reset"}"#) }
        #expect(throws: DecodingError.self) { try decode(OneOrMany<DepthEntry>.self, #""text""#) }
    }

    @Test func oneOrManyEncodesAsAnArray() throws {
        let value = OneOrMany([TradeSide.buy, .sell, .unrecognized(5)])
        #expect(try encodeJSON(value) == "[0,1,5]")
    }

    /// The models rely on Foundation's coders keeping `Decimal` exact on this toolchain: the text
    /// `71.33` decodes to exactly 71.33 (not 71.33000000000001) and encodes back as `71.33`.
    @Test func foundationCodersKeepDecimalsExact() throws {
        for text in ["71.33", "71.23", "0.015625", "115.03125", "-37.63", "6000.25", "0.0000005", "123456789.123456789"] {
            let quote = try decode(Quote.self, #"{"lastPrice":\#(text)}"#)
            #expect(quote.lastPrice == dec(text))
            #expect(quote.lastPrice?.description == text)
            #expect(try encodeJSON(quote) == #"{"lastPrice":\#(text)}"#)
        }
        // Arithmetic on decoded prices stays exact too: ten cents above 71.23 is 71.33.
        let bracket = try #require(try decode(Quote.self, #"{"lastPrice":71.23}"#).lastPrice) + 10 * dec("0.01")
        #expect(try encodeJSON(Quote(lastPrice: bracket)) == #"{"lastPrice":71.33}"#)
    }
}
