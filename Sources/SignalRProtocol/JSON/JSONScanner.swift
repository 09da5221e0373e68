/// A validating, allocation-light reader over UTF-8 JSON bytes.
///
/// The hub protocol needs only the top level of each message decoded (its `type`, ids, target) and
/// the payload values located, not parsed. The scanner reads those scalars and skips payload values
/// while checking that they are well formed, so that every ``RawJSON`` handed out is valid JSON.
struct JSONScanner {
    /// Deeper nesting than this is refused rather than risking the stack on hostile input.
    static let maximumDepth = 256

    private let bytes: ArraySlice<UInt8>
    private(set) var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    func slice(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    mutating func skipWhitespace() {
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next non-white-space byte, without consuming it.
    mutating func peek() throws(HubProtocolError) -> UInt8 {
        skipWhitespace()
        guard index < bytes.endIndex else { throw Self.unexpectedEnd() }
        return bytes[index]
    }

    mutating func expect(_ byte: UInt8) throws(HubProtocolError) {
        let found = try peek()
        guard found == byte else {
            throw HubProtocolError(
                "Expected '\(Character(Unicode.Scalar(byte)))' at offset \(index - bytes.startIndex) but found \(Self.describe(found))."
            )
        }
        index += 1
    }

    /// Consumes `byte` if it is next (after white space).
    mutating func consume(_ byte: UInt8) throws(HubProtocolError) -> Bool {
        if try peek() == byte {
            index += 1
            return true
        }
        return false
    }

    // MARK: Objects

    /// Iterates the members of an object, calling `body` with each key; `body` must consume the value.
    mutating func readObject(_ body: (inout JSONScanner, String) throws(HubProtocolError) -> Void) throws(HubProtocolError) {
        try expect(UInt8(ascii: "{"))
        if try consume(UInt8(ascii: "}")) { return }
        while true {
            guard try peek() == UInt8(ascii: "\"") else {
                throw HubProtocolError("Expected a property name at offset \(index - bytes.startIndex).")
            }
            let key = try readString()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
            if try consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    // MARK: Values

    /// Skips one value, validating it, and returns the range of its bytes.
    @discardableResult
    mutating func skipValue() throws(HubProtocolError) -> Range<Int> {
        _ = try peek()
        let start = index
        try skipValue(depth: 0)
        return start..<index
    }

    private mutating func skipValue(depth: Int) throws(HubProtocolError) {
        guard depth < Self.maximumDepth else {
            throw HubProtocolError("JSON nested deeper than \(Self.maximumDepth) levels.")
        }
        switch try peek() {
        case UInt8(ascii: "{"):
            index += 1
            if try consume(UInt8(ascii: "}")) { return }
            while true {
                guard try peek() == UInt8(ascii: "\"") else {
                    throw HubProtocolError("Expected a property name at offset \(index - bytes.startIndex).")
                }
                try skipString()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
                if try consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "}"))
                return
            }
        case UInt8(ascii: "["):
            index += 1
            if try consume(UInt8(ascii: "]")) { return }
            while true {
                try skipValue(depth: depth + 1)
                if try consume(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "]"))
                return
            }
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "t"):
            try skipLiteral("true")
        case UInt8(ascii: "f"):
            try skipLiteral("false")
        case UInt8(ascii: "n"):
            try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        case let other:
            throw HubProtocolError("Unexpected \(Self.describe(other)) at offset \(index - bytes.startIndex).")
        }
    }

    /// Reads a value as an array of raw element values.
    mutating func readRawArray() throws(HubProtocolError) -> [RawJSON] {
        try expect(UInt8(ascii: "["))
        var elements: [RawJSON] = []
        if try consume(UInt8(ascii: "]")) { return elements }
        while true {
            let range = try skipValue()
            elements.append(RawJSON(unchecked: bytes[range]))
            if try consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"))
            return elements
        }
    }

    mutating func readRawValue() throws(HubProtocolError) -> RawJSON {
        RawJSON(unchecked: bytes[try skipValue()])
    }

    /// Reads `null` (returning nil) or a string.
    mutating func readOptionalString() throws(HubProtocolError) -> String? {
        if try peek() == UInt8(ascii: "n") {
            try skipLiteral("null")
            return nil
        }
        return try readString()
    }

    mutating func readBool() throws(HubProtocolError) -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"):
            try skipLiteral("true")
            return true
        case UInt8(ascii: "f"):
            try skipLiteral("false")
            return false
        case let other:
            throw HubProtocolError("Expected true or false but found \(Self.describe(other)).")
        }
    }

    // MARK: Strings

    mutating func readString() throws(HubProtocolError) -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        // Fast path: no escapes.
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let string = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw HubProtocolError("Unescaped control character in a string at offset \(index - bytes.startIndex).") }
            index += 1
        }
        guard index < bytes.endIndex else { throw Self.unexpectedEnd() }
        var scalars = Array(bytes[start..<index])
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &scalars)
            case 0..<0x20:
                throw HubProtocolError("Unescaped control character in a string at offset \(index - 1 - bytes.startIndex).")
            default:
                scalars.append(byte)
            }
        }
        throw Self.unexpectedEnd()
    }

    private mutating func readEscape(into output: inout [UInt8]) throws(HubProtocolError) {
        guard index < bytes.endIndex else { throw Self.unexpectedEnd() }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): output.append(0x22)
        case UInt8(ascii: "\\"): output.append(0x5C)
        case UInt8(ascii: "/"): output.append(0x2F)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                if index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    index += 2
                    let low = try readHex4()
                    if (0xDC00..<0xE000).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        code = 0xFFFD
                        appendUTF8(0xFFFD, to: &output)
                        appendUTF8(low, to: &output)
                        return
                    }
                } else {
                    code = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(code) {
                code = 0xFFFD
            }
            appendUTF8(code, to: &output)
        default:
            throw HubProtocolError("Invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string at offset \(index - 2 - bytes.startIndex).")
        }
    }

    private func appendUTF8(_ code: UInt32, to output: inout [UInt8]) {
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        output.append(contentsOf: String(Character(scalar)).utf8)
    }

    private mutating func readHex4() throws(HubProtocolError) -> UInt32 {
        guard index + 4 <= bytes.endIndex else { throw Self.unexpectedEnd() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw HubProtocolError("Invalid \\u escape at offset \(index - bytes.startIndex).")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func skipString() throws(HubProtocolError) {
        try expect(UInt8(ascii: "\""))
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                guard index < bytes.endIndex else { throw Self.unexpectedEnd() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    _ = try readHex4()
                default:
                    throw HubProtocolError("Invalid escape in a string at offset \(index - 2 - bytes.startIndex).")
                }
            case 0..<0x20:
                throw HubProtocolError("Unescaped control character in a string at offset \(index - 1 - bytes.startIndex).")
            default:
                break
            }
        }
        throw Self.unexpectedEnd()
    }

    // MARK: Numbers and literals

    private mutating func skipNumber() throws(HubProtocolError) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.endIndex else { throw Self.unexpectedEnd() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(at: index) {
            while isDigit(at: index) { index += 1 }
        } else {
            throw HubProtocolError("Invalid number at offset \(start - bytes.startIndex).")
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(at: index) else { throw HubProtocolError("Invalid number at offset \(start - bytes.startIndex).") }
            while isDigit(at: index) { index += 1 }
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(at: index) else { throw HubProtocolError("Invalid number at offset \(start - bytes.startIndex).") }
            while isDigit(at: index) { index += 1 }
        }
    }

    private func isDigit(at position: Int) -> Bool {
        position < bytes.endIndex && bytes[position] >= UInt8(ascii: "0") && bytes[position] <= UInt8(ascii: "9")
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(HubProtocolError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.endIndex else { throw Self.unexpectedEnd() }
        let matches = literal.withUTF8Buffer { expected in
            bytes[index..<(index + count)].elementsEqual(expected)
        }
        guard matches else {
            throw HubProtocolError("Invalid literal at offset \(index - bytes.startIndex); expected \(literal).")
        }
        index += count
    }

    private static func unexpectedEnd() -> HubProtocolError {
        HubProtocolError("Unexpected end of JSON.")
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
