import Foundation
import Testing
@testable import SignalRProtocol
import TestGate

@Suite("JSONReader reads hub payloads without JSONDecoder", .gated)
struct JSONReaderTests {
    private func reader(_ text: String) -> JSONReader {
        JSONReader(RawJSON(unchecked: Array(text.utf8)[...]))
    }

    @Test func readsMembersByKeyAndSkipsTheRest() throws {
        var reader = reader(#" {"a":1.5, "skip":{"x":[1,{"y":null}]}, "b":"text", "c":true, "d":null, "e":[1,2]} "#)
        var seen: [String] = []
        var a: Double?, b: String?, c: Bool?, dIsNull = false, e: [Int64] = []
        try reader.readObject { reader, key throws(HubProtocolError) in
            seen.append(key.string)
            switch key {
            case "a": a = try reader.readDouble()
            case "b": b = try reader.readString()
            case "c": c = try reader.readBool()
            case "d": dIsNull = try reader.readNull()
            case "e": try reader.readArray { reader throws(HubProtocolError) in e.append(try reader.readInteger()) }
            default: try reader.skipValue()
            }
        }
        try reader.expectEnd()
        #expect(seen == ["a", "skip", "b", "c", "d", "e"])
        #expect(a == 1.5 && b == "text" && c == true && dIsNull && e == [1, 2])
    }

    @Test func keysWithEscapesAreDecodedBeforeMatching() throws {
        var reader = reader(#"{"pri\u0063e":1,"tab\tkey":2,"price":3}"#)
        var matched: [Int64] = []
        var names: [String] = []
        try reader.readObject { reader, key throws(HubProtocolError) in
            names.append(key.string)
            if key == "price" { matched.append(try reader.readInteger()) } else { try reader.skipValue() }
        }
        #expect(matched == [1, 3])
        #expect(names == ["price", "tab\tkey", "price"])
    }

    @Test func keyComparisonIsExactAndCaseSensitive() throws {
        var reader = reader(#"{"Price":1,"pric":2,"prices":3,"":4}"#)
        try reader.readObject { reader, key throws(HubProtocolError) in
            #expect(!(key == "price"))
            try reader.skipValue()
        }
    }

    @Test func peekKindNamesEveryValueType() throws {
        let cases: [(String, JSONReader.ValueKind)] = [
            ("{}", .object), ("[]", .array), (#""s""#, .string), ("-1", .number), ("0", .number),
            ("true", .bool), ("false", .bool), ("null", .null),
        ]
        for (text, kind) in cases {
            var reader = reader("  " + text)
            #expect(try reader.peekKind() == kind, "\(text)")
        }
        var bad = reader("}")
        #expect(throws: HubProtocolError.self) { try bad.peekKind() }
    }

    @Test func readNullConsumesOnlyNull() throws {
        var reader = reader("[null, 5]")
        var values: [Int64?] = []
        try reader.readArray { reader throws(HubProtocolError) in
            values.append(try reader.readNull() ? nil : reader.readInteger())
        }
        #expect(values == [nil, 5])
    }

    // MARK: Numbers

    @Test func doublesMatchTheStandardLibraryParser() throws {
        var generator = SeededGenerator(seed: 0x5EED_D0B1E)
        var texts = [
            "0", "-0", "0.0", "1", "-1", "5321.25", "0.1", "0.2", "0.3", "123456789012345",
            "1234567890123456", "12345678901234567890", "0.000001", "0.0000000000000000000001",
            "0.00000000000000000000000000001", "9007199254740993", "1e3", "1E-3", "-2.5e+10",
            "4.9e-324", "1.7976931348623157e308", "2.2250738585072014e-308", "3.14159265358979323846",
            "100000000000000000000000", "5000.000000000",
        ]
        for _ in 0..<20_000 {
            let integer = String(UInt64.random(in: 0...99_999, using: &generator))
            let fraction = String(UInt64.random(in: 0...999_999_999_999, using: &generator))
            let digits = Int.random(in: 0...12, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            var text = sign + integer
            if digits > 0 { text += "." + String(fraction.prefix(digits)) }
            if Int.random(in: 0..<10, using: &generator) == 0 { text += "e" + String(Int.random(in: -30...30, using: &generator)) }
            texts.append(text)
        }
        for text in texts {
            var reader = reader(text)
            let value = try reader.readDouble()
            let expected = try #require(Double(text))
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) != \(expected)")
        }
    }

    @Test func numbersTooLargeForADoubleAreErrors() {
        var reader = reader("1e400")
        #expect(throws: HubProtocolError("The number 1e400 does not fit in a Double.")) { try reader.readDouble() }
    }

    /// `readDecimal` gives exactly what `JSONDecoder` gives for `Decimal` (the reference for the
    /// payload models), over the fast path's forms, its 19-digit edge and everything beyond it.
    @Test func decimalsMatchJSONDecoder() throws {
        var generator = SeededGenerator(seed: 0xDEC1_3A1)
        var texts = [
            "0", "-0", "0.0", "-0.000", "1", "-1", "71.23", "71.235", "71.33", "-37.63", "0.015625", "0.03125",
            "0.0078125", "0.0000005", "5321.25", "5000.000000000", "6012.50", "0.1", "0.30000000000000004",
            "9999999999999999999", "-9999999999999999999", "10000000000000000000", "18446744073709551615",
            "18446744073709551616", "0.0000000000000000001", "0.00000000000000000001", "1234567890.123456789",
            "12345678901234567890123456789012345678", "123456789012345678901234567890123456789012",
            "1e3", "1E-3", "-2.5e+10", "1e127", "1e-127", "1e128", "1e-129", "1.25e-126", "1e400", "1e-400",
        ]
        for _ in 0..<20_000 {
            let integer = String(UInt64.random(in: 0...99_999, using: &generator))
            let fraction = String(UInt64.random(in: 0...999_999_999_999_999_999, using: &generator))
            let digits = Int.random(in: 0...19, using: &generator)
            let sign = Bool.random(using: &generator) ? "-" : ""
            var text = sign + integer
            if digits > 0 { text += "." + String(repeating: "0", count: Int.random(in: 0...2, using: &generator)) + String(fraction.prefix(digits)) }
            if Int.random(in: 0..<10, using: &generator) == 0 { text += "e" + String(Int.random(in: -140...140, using: &generator)) }
            texts.append(text)
        }
        let decoder = JSONDecoder()
        for text in texts {
            var reader = reader(text)
            let value = Result { () throws(HubProtocolError) in try reader.readDecimal() }
            let expected = Result { try decoder.decode(Decimal.self, from: Data(text.utf8)) }
            switch (value, expected) {
            case (.success(let value), .success(let expected)):
                #expect(value == expected, "\(text): \(value) != \(expected)")
                #expect(!value.isNaN, "\(text)")
            case (.failure, .failure):
                break
            case (.success(let value), .failure(let error)):
                Issue.record("\(text): read \(value), JSONDecoder refused it (\(error))")
            case (.failure(let error), .success(let expected)):
                Issue.record("\(text): refused (\(error)), JSONDecoder read \(expected)")
            }
        }
    }

    /// Short decimals are exact, with the canonical text Foundation prints for them.
    @Test func decimalsAreExact() throws {
        for text in ["71.23", "71.33", "-37.63", "0.015625", "115.03125", "6000.25", "0.0000005", "9999999999999999999"] {
            var reader = reader(text)
            let value = try reader.readDecimal()
            #expect(value == dec(text))
            #expect(value.description == text)
        }
        var trailing = reader("6012.50")
        #expect(try trailing.readDecimal().description == "6012.5")
        var negativeZero = reader("-0.0")
        let zero = try negativeZero.readDecimal()
        #expect(zero == 0 && !zero.isSignMinus)
    }

    @Test func decimalsBeyondRangeAreErrors() {
        var reader = reader("1e400")
        #expect(throws: HubProtocolError("The number 1e400 does not fit in a Decimal.")) { try reader.readDecimal() }
        var text = self.reader(#""71.23""#)
        #expect(throws: HubProtocolError("Expected a number but found '\"'.")) { try text.readDecimal() }
    }

    @Test func integersAcceptIntegralFormsOnly() throws {
        let accepted: [(String, Int64)] = [
            ("0", 0), ("-0", 0), ("42", 42), ("-42", -42), ("5.0", 5), ("1e3", 1000), ("-2E2", -200),
            ("999999999999999999", 999_999_999_999_999_999), ("9223372036854775807", .max),
            ("-9223372036854775808", .min),
        ]
        for (text, value) in accepted {
            var reader = reader(text)
            #expect(try reader.readInteger() == value, "\(text)")
        }
        for text in ["1.5", "9223372036854775808", "1e19", #""7""#, "true", "null"] {
            var reader = reader(text)
            #expect(throws: HubProtocolError.self, "\(text)") { try reader.readInteger() }
        }
    }

    // MARK: Errors

    @Test func wrongTypesAreNamedErrors() {
        var string = reader("12")
        #expect(throws: HubProtocolError("Expected '\"' at offset 0 but found '1'.")) { try string.readString() }
        var number = reader(#""12""#)
        #expect(throws: HubProtocolError("Expected a number but found '\"'.")) { try number.readDouble() }
        var object = reader("[1]")
        #expect(throws: HubProtocolError.self) { try object.readObject { reader, _ throws(HubProtocolError) in try reader.skipValue() } }
        var trailing = reader("1 2")
        #expect(throws: Never.self) { _ = try trailing.readInteger() }
        #expect(throws: HubProtocolError("Unexpected bytes after the JSON value at offset 2.")) { try trailing.expectEnd() }
    }

    /// Unchecked bytes are validated as they are read: any input yields a value or an error,
    /// never a trap (this runs on values a peer sent).
    @Test func arbitraryBytesNeverTrap() {
        var generator = SeededGenerator(seed: 77)
        let alphabet = Array(#"{}[]:,"\ -.0123456789eEtrufalsn"#.utf8) + [0x00, 0x1F, 0xFF]
        var decoded = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            var reader = JSONReader(RawJSON(unchecked: bytes[...]))
            if (try? walk(&reader)) != nil { decoded += 1 }
        }
        #expect(decoded > 0)
    }

    /// Reads any value by its kind, recursively.
    private func walk(_ reader: inout JSONReader) throws(HubProtocolError) {
        switch try reader.peekKind() {
        case .object: try reader.readObject { reader, _ throws(HubProtocolError) in try walk(&reader) }
        case .array: try reader.readArray { reader throws(HubProtocolError) in try walk(&reader) }
        case .string: _ = try reader.readString()
        case .number: _ = try reader.readDouble()
        case .bool: _ = try reader.readBool()
        case .null: _ = try reader.readNull()
        }
    }
}
