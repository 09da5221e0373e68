import Foundation
import Gateway
import MarketData
import SignalRProtocol
import Testing
import TestGate

/// The hand-written payload readers must give exactly what the models' `Decodable` conformances
/// give: these tests decode the same bytes both ways, for fixed cases and generated payloads.
@Suite("Market payloads decode from hub bytes as JSONDecoder decodes them", .gated)
struct HubPayloadDecodingTests {
    private func raw(_ text: String) -> RawJSON { RawJSON(unchecked: Array(text.utf8)[...]) }

    /// Both decoders agree: equal values, or both refuse.
    private func expectAgreement<T: HubPayloadDecodable & Decodable & Equatable>(
        _ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let fast = Result { () throws(HubProtocolError) in try T(hubPayload: raw(text)) }
        let reference = Result { try JSONDecoder().decode(T.self, from: Data(text.utf8)) }
        switch (fast, reference) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        case (.failure, .failure):
            break
        case (.success(let a), .failure(let error)):
            Issue.record("reader accepted what JSONDecoder refused (\(error)): \(text) -> \(a)", sourceLocation: sourceLocation)
        case (.failure(let error), .success(let b)):
            Issue.record("reader refused what JSONDecoder accepted (\(error)): \(text) -> \(b)", sourceLocation: sourceLocation)
        }
    }

    @Test func simulatorShapedPayloads() throws {
        let quote = #"{"symbol":"F.US.EP","symbolName":"/ES","lastPrice":5321.25,"bestBid":5321,"bestAsk":5321.25,"change":-12.5,"changePercent":-0.23,"open":5333.75,"high":5340.5,"low":5310,"volume":123456,"lastUpdated":"2025-07-18T21:00:01.268009+00:00","timestamp":"2025-07-18T21:00:01.268Z"}"#
        let decoded = try Quote(hubPayload: raw(quote))
        #expect(decoded.lastPrice == dec("5321.25") && decoded.volume == 123_456 && decoded.symbol == "F.US.EP")
        expectAgreement(Quote.self, quote)
        let depth = #"[{"timestamp":"2025-07-18T21:00:01Z","type":6,"price":0,"volume":0,"currentVolume":0},{"type":1,"price":5321.5,"volume":12,"currentVolume":12},{"type":2,"price":5321,"volume":7,"currentVolume":7}]"#
        let book = try OneOrMany<DepthEntry>(hubPayload: raw(depth))
        #expect(book.map(\.type) == [.reset, .ask, .bid] && book.skippedCount == 0)
        expectAgreement(OneOrMany<DepthEntry>.self, depth)
        let trades = #"[{"symbolId":"F.US.EP","price":5321.25,"timestamp":"2025-07-18T21:00:01Z","type":1,"volume":3}]"#
        #expect(try OneOrMany<MarketTrade>(hubPayload: raw(trades)).first?.type == .sell)
        expectAgreement(OneOrMany<MarketTrade>.self, trades)
    }

    @Test func lenientCasesAgree() {
        let quotes = [
            "{}", #"{"lastPrice":null}"#, #"{"volume":12.0}"#, #"{"volume":1e3}"#, #"{"volume":12.6}"#,
            #"{"volume":-0.5}"#, #"{"volume":9007199254740993}"#, #"{"volume":1e300}"#,
            #"{"lastPrice":"5000.25"}"#, #"{"volume":"many"}"#, #"{"symbol":5}"#, #"{"unknown":{"deep":[1,[2,{"x":null}]]},"bestBid":1.25}"#,
#"{"symbol":"F.US.\u0045P\n"}"#, #"{"lastPrice":1e400}"#, "[]", "null", #""quote""#,
            #"{"lastprice":1}"#, #"{"lastPrice":-0}"#, #"{"open":0.1,"high":0.30000000000000004}"#,
            #"{"lastPrice":71.23,"bestBid":71.235,"bestAsk":-37.63,"change":0.015625,"changePercent":-0.0}"#,
            #"{"lastPrice":1e-400}"#, #"{"lastPrice":1e127}"#, #"{"lastPrice":1e128}"#, #"{"lastPrice":1.5e-127}"#,
            #"{"lastPrice":9999999999999999999}"#, #"{"lastPrice":18446744073709551616}"#,
            #"{"lastPrice":0.0000000000000000001}"#, #"{"lastPrice":0.00000000000000000001}"#,
            #"{"lastPrice":123456789012345678901234567890123456789012345}"#, #"{"lastPrice":6012.50000}"#,
        ]
        for quote in quotes { expectAgreement(Quote.self, quote) }
        let depths = [
            "null", "[]", #"{"type":3,"price":10.5,"volume":4}"#, #"[{"type":"Reset"},{"type":6}]"#,
            #"[null,{"type":2,"price":1},[{"type":1}],5,"x",{}]"#, #"[{"type":null,"price":1}]"#,
            #"[{"type":42,"price":1,"volume":4.4,"currentVolume":null}]"#, #"{"type":"Reset"}"#, #""text""#,
            #"[{"type":1,"price":"1"}]"#, #"[{"type":1,"volume":1e30}]"#,
        ]
        for depth in depths { expectAgreement(OneOrMany<DepthEntry>.self, depth) }
        let trades = [
            #"[{"price":1,"volume":1}]"#, #"[{"type":0},{"type":9},{"type":true}]"#, #"{"symbolId":null}"#,
            #"[{"timestamp":7}]"#,
        ]
        for trade in trades { expectAgreement(OneOrMany<MarketTrade>.self, trade) }
    }

    /// The one deliberate difference: JSONDecoder keeps the first of duplicate members, the
    /// reader the last (as JavaScript and Python do). The gateway never repeats a member.
    @Test func duplicateMembersKeepTheLastValue() throws {
        #expect(try Quote(hubPayload: raw(#"{"bestBid":1,"bestBid":2}"#)).bestBid == 2)
        #expect(try JSONDecoder().decode(Quote.self, from: Data(#"{"bestBid":1,"bestBid":2}"#.utf8)).bestBid == 1)
    }

    @Test func badItemsAreSkippedAndCounted() throws {
        let depth = try OneOrMany<DepthEntry>(hubPayload: raw(#"[{"type":1,"price":2},{"type":"x"},7,{"type":2,"price":1}]"#))
        #expect(depth.elements == [DepthEntry(type: .ask, price: 2), DepthEntry(type: .bid, price: 1)])
        #expect(depth.skippedCount == 2)
    }

    @Test func errorsSayWhatWasWrong() {
        #expect(throws: HubProtocolError("Expected a number but found '\"'.")) {
            try Quote(hubPayload: raw(#"{"lastPrice":"5000.25"}"#))
        }
        #expect(throws: HubProtocolError("The quantity 1e300 is not a representable integer.")) {
            try Quote(hubPayload: raw(#"{"volume":1e300}"#))
        }
    }

    /// Generated payloads in the simulator's shapes, with nulls, unknown members, other number
    /// forms and wrong types mixed in, decode identically both ways.
    @Test(arguments: [1, 2, 3, 4])
    func generatedPayloadsAgree(seed: UInt64) {
        var generator = PayloadGenerator(seed: seed)
        for _ in 0..<1_500 {
            expectAgreement(Quote.self, generator.quote())
            expectAgreement(OneOrMany<DepthEntry>.self, generator.batch { $0.depthEntry() })
            expectAgreement(OneOrMany<MarketTrade>.self, generator.batch { $0.trade() })
        }
    }
}

/// Random JSON in the shapes of the market events, deterministic for a seed.
private struct PayloadGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// Prices in every form the decimal reader distinguishes: short decimals (its fast path),
    /// 19 and 20 digits (the edge of the fast path), long mantissas beyond `Decimal`'s 38 digits,
    /// exponents (in and out of `Decimal`'s range), negative zero and trailing zeros.
    mutating func price() -> String {
        let whole = String(below(20_000))
        func digits(_ count: Int, into generator: inout PayloadGenerator) -> String {
            String((0..<count).map { _ in Character(String(generator.below(10))) })
        }
        switch below(14) {
        case 0: return whole
        case 1: return "-" + whole + "." + String(below(100))
        case 2: return whole + "." + String(repeating: "0", count: below(4)) + String(below(1_000_000))
        case 3: return whole + ".25e" + String(below(10) - 5)
        case 4: return "0." + String(next() % 10_000_000_000_000_000)
        case 5: return String(1 + below(9)) + digits(17 + below(4), into: &self)
        case 6: return String(1 + below(9)) + digits(below(12), into: &self) + "." + digits(1 + below(12), into: &self)
        case 7: return "1" + digits(30 + below(20), into: &self) + "." + digits(1 + below(10), into: &self)
        case 8: return "-0" + ["", ".0", ".000"][below(3)]
        case 9: return whole + "e" + ["", "+", "-"][below(3)] + String(below(260))
        case 10: return "0." + String(repeating: "0", count: below(30)) + String(1 + below(99))
        case 11: return whole + "." + ["01", "005", "03125", "015625", "0078125", "0000005"][below(6)] + String(repeating: "0", count: below(3))
        default: return whole + "." + ["25", "5", "75", "0", "125", "000000000"][below(6)]
        }
    }

    mutating func quantity() -> String {
        switch below(10) {
        case 0: return String(below(100)) + ".0"
        case 1: return String(below(100)) + "." + String(below(10))
        case 2: return "1e" + String(below(5))
        default: return String(below(100_000))
        }
    }

    mutating func text() -> String {
        let samples = ["F.US.EP", "/ES", "2025-07-18T21:00:01.268Z", "", "caf\\u00e9", "tab\\tstop", "quote\\\"d"]
        return "\"" + samples[below(samples.count)] + "\""
    }

    /// A value for a member: usually the right type, sometimes null, sometimes the wrong type.
    mutating func value(_ right: (inout PayloadGenerator) -> String) -> String {
        switch below(40) {
        case 0, 1: return "null"
        case 2: return [text(), "true", "[]", "{}"][below(4)]
        case 3: return price()
        default: return right(&self)
        }
    }

    mutating func object(_ members: [(String, (inout PayloadGenerator) -> String)]) -> String {
        var parts: [String] = []
        for (key, right) in members where chance(85) {
            parts.append("\"\(key)\":" + value(right))
        }
        if chance(15) { parts.append(#""extra":{"nested":[1,{"deeper":null}],"s":"x"}"#) }
        var shuffled: [String] = []
        while !parts.isEmpty { shuffled.append(parts.remove(at: below(parts.count))) }
        return "{" + shuffled.joined(separator: chance(10) ? " , " : ",") + "}"
    }

    mutating func quote() -> String {
        object([
            ("symbol", { $0.text() }), ("symbolName", { $0.text() }), ("lastPrice", { $0.price() }),
            ("bestBid", { $0.price() }), ("bestAsk", { $0.price() }), ("change", { $0.price() }),
            ("changePercent", { $0.price() }), ("open", { $0.price() }), ("high", { $0.price() }),
            ("low", { $0.price() }), ("volume", { $0.quantity() }), ("lastUpdated", { $0.text() }),
            ("timestamp", { $0.text() }),
        ])
    }

    mutating func depthEntry() -> String {
        object([
            ("type", { String($0.below(13)) }), ("price", { $0.price() }), ("volume", { $0.quantity() }),
            ("currentVolume", { $0.quantity() }), ("timestamp", { $0.text() }),
        ])
    }

    mutating func trade() -> String {
        object([
            ("symbolId", { $0.text() }), ("price", { $0.price() }), ("type", { String($0.below(3)) }),
            ("volume", { $0.quantity() }), ("timestamp", { $0.text() }),
        ])
    }

    mutating func batch(_ element: (inout PayloadGenerator) -> String) -> String {
        switch below(20) {
        case 0: return "null"
        case 1: return element(&self)
        default:
            let items = (0..<below(12)).map { _ in chance(3) ? "7" : element(&self) }
            return "[" + items.joined(separator: ",") + "]"
        }
    }
}
