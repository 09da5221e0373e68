extension KeyedDecodingContainer {
    /// Decodes a contract quantity that the reference types as a JSON "number".
    ///
    /// Quantities are whole contracts, so they are `Int`, but the wire may legally write
    /// `5`, `5.0` or `1e3`. The fast path is a plain `Int` decode; only when that fails do we
    /// fall back to `Double` and round to the nearest integer. `null` and a missing key are nil.
    /// A value that is not a number at all (or not finite / out of range) still throws: that
    /// is a broken contract, not a formatting difference.
    func decodeQuantityIfPresent(forKey key: Key) throws -> Int? {
        do {
            return try decodeIfPresent(Int.self, forKey: key)
        } catch let intError {
            // Not only DecodingError: swift-foundation's JSONDecoder throws an internal
            // "number is not representable" error for 12.6 read as Int.
            let value: Double?
            do {
                value = try decodeIfPresent(Double.self, forKey: key)
            } catch {
                throw intError
            }
            guard let value else { return nil }
            // 2^53: beyond this a Double no longer holds every integer; no real volume gets there.
            guard value.isFinite, value.magnitude <= 9_007_199_254_740_992 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "quantity \(value) is not a representable integer")
            }
            return Int(value.rounded())
        }
    }
}
