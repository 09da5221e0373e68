/// The name of an object member as ``JSONReader`` reads it: UTF-8 bytes, escapes decoded.
///
/// Compare it with a literal (`key == "price"`) to match a member without building a `String`.
public struct JSONKey: Sendable, Hashable, CustomStringConvertible {
    /// The key's UTF-8 bytes (escapes decoded).
    public let utf8: ArraySlice<UInt8>

    init(utf8: ArraySlice<UInt8>) {
        self.utf8 = utf8
    }

    /// The key as a `String`.
    public var string: String { String(decoding: utf8, as: UTF8.self) }

    public var description: String { string }

    /// Byte-wise comparison with a literal: JSON keys are case-sensitive.
    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        literal.withUTF8Buffer { expected in
            guard key.utf8.count == expected.count else { return false }
            var position = key.utf8.startIndex
            for byte in expected {
                guard key.utf8[position] == byte else { return false }
                position += 1
            }
            return true
        }
    }

    /// Lets a `switch` over a key match literals: `case "price":`.
    public static func ~= (literal: StaticString, key: JSONKey) -> Bool {
        key == literal
    }

    public static func == (lhs: JSONKey, rhs: JSONKey) -> Bool {
        lhs.utf8.elementsEqual(rhs.utf8)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(utf8.count)
        for byte in utf8 { hasher.combine(byte) }
    }
}
