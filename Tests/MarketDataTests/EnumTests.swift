import Testing
@testable import MarketData
import TestGate

@Suite("Integer enums never fail on an unknown value", .gated)
struct EnumTests {
    @Test func domTypeKnownValuesMatchTheReference() {
        let names: [DomType] = [.unknown, .ask, .bid, .bestAsk, .bestBid, .trade, .reset, .low, .high,
                                .newBestBid, .newBestAsk, .fill]
        #expect(DomType.knownCases == names)
        for (raw, type) in names.enumerated() {
            #expect(DomType(rawValue: raw) == type)
            #expect(type.rawValue == raw)
        }
    }

    @Test(arguments: [-1, 12, 13, 99, Int.max, Int.min])
    func domTypeUnknownIntegerIsKept(raw: Int) throws {
        let type = DomType(rawValue: raw)
        #expect(type == .unrecognized(raw))
        #expect(type.rawValue == raw)
        #expect(try decode(DomType.self, "\(raw)") == .unrecognized(raw))
        #expect(try encodeJSON(type) == "\(raw)")
    }

    @Test func domTypeDecodesEveryKnownInteger() throws {
        for type in DomType.knownCases {
            #expect(try decode(DomType.self, "\(type.rawValue)") == type)
            #expect(try encodeJSON(type) == "\(type.rawValue)")
        }
    }

    @Test func tradeSideValues() throws {
        #expect(TradeSide(rawValue: 0) == .buy)
        #expect(TradeSide(rawValue: 1) == .sell)
        #expect(TradeSide(rawValue: 2) == .unrecognized(2))
        #expect(TradeSide.unrecognized(-4).rawValue == -4)
        #expect(try decode([TradeSide].self, "[0,1,3]") == [.buy, .sell, .unrecognized(3)])
        #expect(try encodeJSON([TradeSide.sell, .buy]) == "[1,0]")
    }

    @Test func stringEnumsAreNotIntegers() {
        #expect(throws: DecodingError.self) { try decode(DomType.self, #""Ask""#) }
        #expect(throws: DecodingError.self) { try decode(TradeSide.self, #""Buy""#) }
    }
}
