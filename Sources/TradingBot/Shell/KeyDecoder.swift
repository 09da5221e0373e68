/// Turns the bytes a terminal sends in raw mode into ``Key``s: control characters, the VT100 and
/// xterm escape sequences of the arrow, Home, End and Delete keys (`ESC [ A`, `ESC O H`,
/// `ESC [ 3 ~`, `ESC [ 1 ~` …), and UTF-8 text.
///
/// Feed it one byte at a time; it answers a key once the bytes make one.
///
/// ```swift
/// var decoder = KeyDecoder()
/// for byte in [0x1B, 0x5B, 0x44] as [UInt8] { if let key = decoder.feed(byte) { print(key) } }   // left
/// ```
struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    init() {}

    /// The key completed by `byte`, or nil while a sequence is incomplete.
    mutating func feed(_ byte: UInt8) -> Key? {
        if pending.isEmpty {
            switch byte {
            case 0x1B:
                pending = [byte]
                return nil
            case 0x0D, 0x0A: return .enter
            case 0x7F, 0x08: return .backspace
            case 0x09: return .tab
            case 0x03: return .interrupt
            case 0x04: return .endOfInput
            case 0x01: return .home
            case 0x05: return .end
            case 0x02: return .left
            case 0x06: return .right
            case 0x10: return .up
            case 0x0E: return .down
            case 0x0B: return .deleteToEnd
            case 0x15: return .deleteToStart
            case 0x17: return .deleteWord
            case 0x0C: return .clearScreen
            case 0x00..<0x20: return .ignored
            case 0x20..<0x80: return .text(String(UnicodeScalar(byte)))
            default:
                // The lead byte of a UTF-8 sequence (or a stray continuation byte).
                guard Self.utf8Length(byte) > 1 else { return .ignored }
                pending = [byte]
                return nil
            }
        }
        pending.append(byte)
        if pending[0] == 0x1B { return escape() }
        let needed = Self.utf8Length(pending[0])
        guard byte & 0xC0 == 0x80 else {
            pending = []
            return .ignored
        }
        guard pending.count == needed else { return nil }
        defer { pending = [] }
        return String(validating: pending, as: UTF8.self).map(Key.text) ?? .ignored
    }

    /// Decodes `ESC …` once complete.
    private mutating func escape() -> Key? {
        guard pending.count >= 2 else { return nil }
        let introducer = pending[1]
        guard introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else {
            // Alt+key or a lone ESC followed by a key: ignore both bytes.
            pending = []
            return .ignored
        }
        guard pending.count >= 3 else { return nil }
        let last = pending[pending.count - 1]
        // Parameters are digits and ';'; the final byte is a letter or '~'.
        if (0x30...0x3F).contains(last) {
            if pending.count > 12 {
                pending = []
                return .ignored
            }
            return nil
        }
        let parameters = String(decoding: pending[2..<(pending.count - 1)], as: UTF8.self)
        pending = []
        switch (last, parameters.split(separator: ";").first.map(String.init) ?? "") {
        case (UInt8(ascii: "A"), _): return .up
        case (UInt8(ascii: "B"), _): return .down
        case (UInt8(ascii: "C"), _): return .right
        case (UInt8(ascii: "D"), _): return .left
        case (UInt8(ascii: "H"), _): return .home
        case (UInt8(ascii: "F"), _): return .end
        case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): return .home
        case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): return .end
        case (UInt8(ascii: "~"), "3"): return .delete
        default: return .ignored
        }
    }

    /// The length of a UTF-8 sequence from its lead byte (1 for anything else).
    private static func utf8Length(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }
}
