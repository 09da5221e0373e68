import Foundation

/// The `customTag`s the SDK gives orders placed without one.
///
/// Every placement carries a tag, because the tag is how the real outcome of a placement whose
/// response was lost is found (the gateway has no idempotency key; it does refuse a second order
/// with a tag already used in the account). A generated tag is the prefix, the send time in
/// milliseconds and 41 random bits, in base 36: `px-mfx3k2a1-4k9z0q2b`, 26 characters at most
/// with an 8-character prefix, so the `-SL`/`-TP` the gateway appends for bracket children still
/// fits in 32. Two tags collide only if drawn in the same millisecond with the same random part.
///
/// ```swift
/// let tag = OrderTag.generate(prefix: "bot")           // "bot-mfx3k2a1-4k9z0q2b"
/// let order = OrderRequest.market(accountId: 12, contractId: "CON.F.US.MES.Z26", side: .buy, size: 1)
/// var tagged = order
/// tagged.customTag = tag                               // or leave it nil: placeOrder generates one
/// ```
public enum OrderTag {
    /// The prefix used when the configuration names none.
    public static let defaultPrefix = "px"
    /// The longest prefix kept.
    public static let maximumPrefixLength = 8

    /// A new tag: `prefix`, the time `date` and a random part.
    ///
    /// The prefix keeps only letters, digits, `-` and `_`, at most ``maximumPrefixLength`` of them;
    /// an empty result becomes ``defaultPrefix``.
    public static func generate(prefix: String = defaultPrefix, at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, milliseconds: milliseconds(since1970: date.timeIntervalSince1970), random: generator.next())
    }

    /// The tag for given parts (the pure core of ``generate(prefix:at:)``).
    static func make(prefix: String, milliseconds: UInt64, random: UInt64) -> String {
        let randomPart = String(random % randomSpace, radix: 36)
        let padded = String(repeating: "0", count: max(0, randomDigits - randomPart.count)) + randomPart
        return "\(sanitized(prefix))-\(String(milliseconds, radix: 36))-\(padded)"
    }

    /// The prefix as it appears in tags.
    static func sanitized(_ prefix: String) -> String {
        let kept = prefix.unicodeScalars.filter { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
        }
        let text = String(String.UnicodeScalarView(kept.prefix(maximumPrefixLength)))
        return text.isEmpty ? defaultPrefix : text
    }

    /// Whole milliseconds since 1970 (0 for a time before it or not finite).
    static func milliseconds(since1970 seconds: TimeInterval) -> UInt64 {
        let value = (seconds * 1000).rounded(.down)
        guard value.isFinite, value >= 0 else { return 0 }
        return UInt64(exactly: value) ?? UInt64(min(value, Double(UInt64.max / 2)))
    }

    private static let randomDigits = 8
    /// 36^8: the random part is 8 base-36 digits (about 41 bits).
    private static let randomSpace: UInt64 = 2_821_109_907_456
}
