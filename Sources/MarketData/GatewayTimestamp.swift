import Foundation

/// Parses the gateway's ISO-8601 timestamps into `Date`, quickly and tolerantly.
///
/// The gateway writes three forms (gateway-api.md §2, project-x-py CHANGELOG 3.5.8):
/// - with an offset: `2025-07-18T21:00:01.268009+00:00`
/// - with `Z`: `2025-07-18T21:00:01.268Z`
/// - naive: `2025-07-18T21:00:01` (bars have been seen like this); **naive means UTC**.
///
/// Also accepted: 0 to any number of fractional digits (.NET writes 7; digits past the 9th are
/// ignored), `,` as the decimal mark, a space or lowercase `t`/`z`, offsets `+hh:mm`, `+hhmm`
/// and `+hh`, a missing seconds field, and a bare date (midnight UTC). Anything else, including
/// trailing characters and out-of-range fields (month 13, 31 April), returns nil: a malformed
/// time is reported, never guessed.
///
/// It is a hand-written scanner over UTF-8 bytes rather than `ISO8601DateFormatter`, because
/// no single formatter accepts all three forms, formatters are slow, and they are not `Sendable`.
///
/// ```swift
/// let date = GatewayTimestamp.parse("2025-07-18T21:00:01.268009+00:00")
/// ```
public enum GatewayTimestamp {
    /// Parses one timestamp; nil if it is not one of the accepted forms.
    public static func parse(_ string: some StringProtocol) -> Date? {
        if let result = string.utf8.withContiguousStorageIfAvailable(parse(utf8:)) {
            return result
        }
        // Bridged or otherwise non-contiguous strings: copy once, then scan.
        return Array(string.utf8).withUnsafeBufferPointer(parse(utf8:))
    }

    /// Parses one timestamp given as UTF-8 bytes (for callers that hold raw frame bytes).
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var scanner = Scanner(bytes: bytes)
        guard let year = scanner.digits(4), scanner.skip(UInt8(ascii: "-")),
              let month = scanner.digits(2), scanner.skip(UInt8(ascii: "-")),
              let day = scanner.digits(2),
              (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year)
        else { return nil }

        var hour = 0, minute = 0, second = 0, nanos = 0, offset = 0
        if let separator = scanner.peek,
           separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") {
            scanner.index += 1
            guard let h = scanner.digits(2), scanner.skip(UInt8(ascii: ":")), let m = scanner.digits(2),
                  h <= 23, m <= 59
            else { return nil }
            hour = h
            minute = m
            if scanner.skip(UInt8(ascii: ":")) {
                // 60 is a leap second; the arithmetic below rolls it into the next minute.
                guard let s = scanner.digits(2), s <= 60 else { return nil }
                second = s
                if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) {
                    guard let n = scanner.fractionNanoseconds() else { return nil }
                    nanos = n
                }
            }
            guard let o = scanner.offsetSeconds() else { return nil }
            offset = o
        }
        guard scanner.isAtEnd else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let unixSeconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        // Subtract the reference-date offset in integers first: one rounding step, not two.
        let sinceReference = Double(unixSeconds - 978_307_200) + Double(nanos) / 1_000_000_000
        return Date(timeIntervalSinceReferenceDate: sinceReference)
    }

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A cursor over the bytes; every read is bounds-checked, so no input can trap.
    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var isAtEnd: Bool { index >= bytes.count }
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as an integer.
        mutating func digits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for _ in 0..<count {
                let digit = Int(bytes[index]) &- 48
                guard digit >= 0, digit <= 9 else { return nil }
                value = value * 10 + digit
                index += 1
            }
            return value
        }

        /// One or more digits after the decimal mark, as nanoseconds (truncated after 9 digits).
        mutating func fractionNanoseconds() -> Int? {
            var value = 0, used = 0
            let start = index
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if used < 9 {
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    used += 1
                }
                index += 1
            }
            guard index > start else { return nil }
            for _ in used..<9 { value *= 10 }
            return value
        }

        /// `Z`, `+hh:mm`, `+hhmm`, `+hh` (or `-`), or nothing (naive = UTC), in seconds east of UTC.
        mutating func offsetSeconds() -> Int? {
            guard let byte = peek else { return 0 }
            if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
                index += 1
                return 0
            }
            let sign: Int
            switch byte {
            case UInt8(ascii: "+"): sign = 1
            case UInt8(ascii: "-"): sign = -1
            default: return nil
            }
            index += 1
            guard let hours = digits(2), hours <= 23 else { return nil }
            var minutes = 0
            if !isAtEnd {
                _ = skip(UInt8(ascii: ":"))
                guard let m = digits(2), m <= 59 else { return nil }
                minutes = m
            }
            return sign * (hours * 3_600 + minutes * 60)
        }
    }
}
