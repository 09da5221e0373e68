import Foundation

/// ISO-8601 formatting and lenient parsing, written by hand because the feed formats hundreds of
/// thousands of timestamps per second and `ISO8601DateFormatter` is far too slow for that.
public enum ISOTimestamp {
    /// Formats `date` in UTC as `2025-07-18T21:00:01.268009+00:00` (the form the gateway sends),
    /// or without the fraction when `fractionalDigits` is 0.
    public static func format(_ date: Date, fractionalDigits: Int = 6) -> String {
        let interval = date.timeIntervalSince1970
        let wholeSeconds = Int(interval.rounded(.down))
        var fraction = interval - Double(wholeSeconds)
        let days = CivilDate.floorDiv(wholeSeconds, 86_400)
        let secondOfDay = wholeSeconds - days * 86_400
        let civil = CivilDate.fromDays(days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        append(civil.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(civil.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(civil.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(secondOfDay / 3600, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append((secondOfDay / 60) % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &bytes)
        if fractionalDigits > 0 {
            bytes.append(UInt8(ascii: "."))
            var scale = 1
            for _ in 0..<fractionalDigits { scale *= 10 }
            fraction = (fraction * Double(scale)).rounded(.down)
            append(min(Int(fraction), scale - 1), width: fractionalDigits, to: &bytes)
        }
        bytes.append(contentsOf: Array("+00:00".utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = abs(value)
        var index = width - 1
        while index >= 0 {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        bytes.append(contentsOf: digits)
    }

    /// Parses the three forms seen on the wire: with an offset, with `Z`, and naive (read as
    /// UTC). Accepts a date only, a `T` or space separator, optional seconds and any number of
    /// fractional digits. Returns nil for anything else.
    public static func parse(_ text: String) -> Date? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.take("-"),
              let month = scanner.number(digits: 2), scanner.take("-"),
              let day = scanner.number(digits: 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(CivilDate.daysFromCivil(year: year, month: month, day: day)) * 86_400
        if scanner.atEnd { return Date(timeIntervalSince1970: seconds) }
        guard scanner.take("T") || scanner.take("t") || scanner.take(" "),
              let hour = scanner.number(digits: 2), scanner.take(":"),
              let minute = scanner.number(digits: 2), hour < 24, minute < 60
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if scanner.take(":") {
            guard let second = scanner.number(digits: 2), second < 61 else { return nil }
            seconds += Double(second)
            if scanner.take(".") || scanner.take(",") {
                guard let fraction = scanner.fraction() else { return nil }
                seconds += fraction
            }
        }
        if scanner.atEnd || scanner.take("Z") || scanner.take("z") {
            return scanner.atEnd ? Date(timeIntervalSince1970: seconds) : nil
        }
        let sign: Double
        if scanner.take("+") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
        guard let offsetHours = scanner.number(digits: 2) else { return nil }
        _ = scanner.take(":")
        let offsetMinutes = scanner.number(digits: 2) ?? 0
        guard scanner.atEnd, offsetHours < 24, offsetMinutes < 60 else { return nil }
        seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
        return Date(timeIntervalSince1970: seconds)
    }
}

/// A tiny cursor over ASCII bytes used by ``ISOTimestamp/parse(_:)``.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    mutating func take(_ character: Character) -> Bool {
        guard !atEnd, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        var count = 0
        while !atEnd, bytes[index] >= 48, bytes[index] <= 57 {
            value += Double(bytes[index] - 48) * scale
            scale /= 10
            index += 1
            count += 1
        }
        return count > 0 ? value : nil
    }
}
