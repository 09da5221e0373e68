import Foundation

/// Binding rules of the gateway's ASP.NET model binder (System.Text.Json web defaults), as
/// helpers on a keyed container:
/// - non-nullable strings are required: missing or null is a 400;
/// - missing value types (ints, bools, dates) take their default (0, false, nil);
/// - numeric fields also accept numbers written as strings (`"123"`), enum fields do not: a
///   string in an enum field is a 400;
/// - unknown fields are ignored.
extension KeyedDecodingContainer where K == WireKey {
    func requiredString(_ key: String) throws -> String {
        try decode(String.self, forKey: WireKey(key))
    }

    func optionalString(_ key: String) throws -> String? {
        try decodeIfPresent(String.self, forKey: WireKey(key))
    }

    func bool(_ key: String) throws -> Bool {
        try decodeIfPresent(Bool.self, forKey: WireKey(key)) ?? false
    }

    /// An enum field: a JSON integer only.
    func enumValue(_ key: String) throws -> Int? {
        try decodeIfPresent(Int32.self, forKey: WireKey(key)).map(Int.init)
    }

    /// An `int32` field (number, or number in a string).
    func int32(_ key: String) throws -> Int? {
        let wireKey = WireKey(key)
        do {
            return try decodeIfPresent(Int32.self, forKey: wireKey).map(Int.init)
        } catch DecodingError.typeMismatch(let type, let context) {
            guard let text = try? decode(String.self, forKey: wireKey), let value = Int32(text) else {
                throw DecodingError.typeMismatch(type, context)
            }
            return Int(value)
        }
    }

    /// An `int64` field (number, or number in a string).
    func int64(_ key: String) throws -> Int64? {
        let wireKey = WireKey(key)
        do {
            return try decodeIfPresent(Int64.self, forKey: wireKey)
        } catch DecodingError.typeMismatch(let type, let context) {
            guard let text = try? decode(String.self, forKey: wireKey), let value = Int64(text) else {
                throw DecodingError.typeMismatch(type, context)
            }
            return value
        }
    }

    /// A `decimal` field (number, or number in a string), exactly: `71.23` is 71.23, as .NET's
    /// `System.Decimal` reads it, never the nearest binary fraction.
    func decimal(_ key: String) throws -> Decimal? {
        let wireKey = WireKey(key)
        do {
            return try decodeIfPresent(Decimal.self, forKey: wireKey)
        } catch DecodingError.typeMismatch(let type, let context) {
            guard let text = try? decode(String.self, forKey: wireKey), let value = WireDecimal.parse(text) else {
                throw DecodingError.typeMismatch(type, context)
            }
            return value
        }
    }

    /// A `DateTime` field: an ISO-8601 string (offset, `Z` or naive-as-UTC).
    func date(_ key: String) throws -> Date? {
        let wireKey = WireKey(key)
        guard let text = try decodeIfPresent(String.self, forKey: wireKey) else { return nil }
        guard let date = ISOTimestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: wireKey, in: self, debugDescription: "System.DateTime")
        }
        return date
    }
}
