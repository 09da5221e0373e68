import Foundation
import Testing

/// The exact decimal `text` spells, for prices in tests: a float literal typed as `Decimal` goes
/// through `Double` (`71.23` would be 71.23000000000001024), text does not. Text that is not a
/// plain decimal records an issue and gives NaN, which no expectation accepts.
func dec(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Decimal {
    let plain = text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
    guard plain, let value = Decimal(string: text), !value.isNaN else {
        Issue.record("'\(text)' is not a plain decimal", sourceLocation: sourceLocation)
        return .nan
    }
    return value
}
