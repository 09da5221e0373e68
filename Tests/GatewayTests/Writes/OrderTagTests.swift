import Foundation
@testable import Gateway
import Testing
import TestGate

@Suite("OrderTag: generated customTags", .gated)
struct OrderTagTests {
    @Test func shapeIsPrefixTimeAndRandom() {
        #expect(OrderTag.make(prefix: "px", milliseconds: 0, random: 0) == "px-0-00000000")
        #expect(OrderTag.make(prefix: "tb", milliseconds: 1_800_000_000_000, random: 35) == "tb-mywpiww0-0000000z")
        // The random part is reduced to 8 base-36 digits.
        #expect(OrderTag.make(prefix: "tb", milliseconds: 1, random: .max).count == "tb-1-".count + 8)
    }

    @Test func prefixKeepsOnlySafeCharactersAndAtMostEight() {
        #expect(OrderTag.sanitized("bot_1-a") == "bot_1-a")
        #expect(OrderTag.sanitized("my bot!") == "mybot")
        #expect(OrderTag.sanitized("abcdefghijkl") == "abcdefgh")
        #expect(OrderTag.sanitized("") == "px")
        #expect(OrderTag.sanitized("é€ ") == "px")
    }

    @Test func generatedTagsFitAndDoNotRepeat() {
        let now = Date()
        let tags = (0..<20_000).map { _ in OrderTag.generate(prefix: "longprefix", at: now) }
        #expect(Set(tags).count == tags.count, "same millisecond, different random parts")
        for tag in tags.prefix(100) {
            #expect(tag.hasPrefix("longpref-"))
            #expect(tag.count <= 26, "room for the -SL/-TP of bracket children within 32: \(tag)")
            #expect(tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }

    @Test func timeBeforeEpochOrNotFiniteIsZero() {
        #expect(OrderTag.milliseconds(since1970: -5) == 0)
        #expect(OrderTag.milliseconds(since1970: .nan) == 0)
        #expect(OrderTag.milliseconds(since1970: .infinity) == 0)
        #expect(OrderTag.milliseconds(since1970: 1.2345) == 1234)
    }
}
