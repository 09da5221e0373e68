import ArgumentParser
import Foundation

/// A price typed on the command line, read exactly from its text: `71.23` is 71.23, never the
/// nearest `Double`. Digits with an optional sign and decimal point (`5000`, `5000.25`, `-3.5`,
/// `0.015625`); anything else, including exponents, thousands separators and a trailing point,
/// is refused by the argument parser with the flag's name.
struct PriceArgument: ExpressibleByArgument, Sendable, Equatable {
    let value: Decimal

    init(_ value: Decimal) {
        self.value = value
    }

    init?(argument: String) {
        guard let value = Self.parse(argument) else { return nil }
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// The exact price `text` spells, or nil when it is not `-?digits(.digits)?`.
    static func parse(_ text: String) -> Decimal? {
        var rest = text.utf8[...]
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        let whole = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard !whole.isEmpty else { return nil }
        rest = rest.dropFirst(whole.count)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let fraction = rest.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !fraction.isEmpty else { return nil }
            rest = rest.dropFirst(fraction.count)
        }
        // Whole text checked above: Decimal(string:) alone would stop at the first odd character.
        guard rest.isEmpty, let value = Decimal(string: text), !value.isNaN else { return nil }
        return value
    }
}
