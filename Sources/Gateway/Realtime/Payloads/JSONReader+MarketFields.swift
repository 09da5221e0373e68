import Foundation
import SignalRProtocol

/// Field readers with the leniency of the market models' `Decodable` conformances.
extension JSONReader {
    /// A string, or nil for `null`.
    mutating func optionalString() throws(HubProtocolError) -> String? {
        try readNull() ? nil : readString()
    }

    /// An exact decimal number (a price, a change), or nil for `null`.
    mutating func optionalDecimal() throws(HubProtocolError) -> Decimal? {
        try readNull() ? nil : readDecimal()
    }

    /// An integer (`1`, `1.0`), or nil for `null`; used for the integer enums.
    mutating func optionalInteger() throws(HubProtocolError) -> Int? {
        if try readNull() { return nil }
        let value = try readInteger()
        guard let integer = Int(exactly: value) else {
            throw HubProtocolError("The integer \(value) does not fit in Int.")
        }
        return integer
    }

    /// A quantity in whole contracts, or nil for `null`: an integer as written, any other number
    /// rounded to the nearest integer up to 2^53 (the rule of `decodeQuantityIfPresent`).
    mutating func optionalQuantity() throws(HubProtocolError) -> Int? {
        if try readNull() { return nil }
        let number = try readRawValue()
        var integerReader = JSONReader(number)
        if let value = try? integerReader.readInteger(), let integer = Int(exactly: value) {
            return integer
        }
        var doubleReader = JSONReader(number)
        let value = try doubleReader.readDouble()
        guard value.magnitude <= 9_007_199_254_740_992 else {
            throw HubProtocolError("The quantity \(number.text) is not a representable integer.")
        }
        return Int(value.rounded())
    }
}
