import Foundation
import Gateway

/// How values read in tables and sentences: prices exactly as the gateway gave them, money with
/// cents, enums by the names the command line uses. Times read through ``TimeDisplay``, in the
/// display zone.
///
/// Prices and amounts are `Decimal`s and are printed from their decimal digits, never through a
/// `Double`: `71.33` prints as `71.33`.
enum Formatting {
    /// `5000.25`, `0.0000005`, `5000`, `-12.5`: the exact value, trailing zeros dropped.
    static func price(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "" }
        return plain(value)
    }

    /// `50000.00`, `-12.50`: rounded to cents (half away from zero).
    static func money(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "" }
        return fixed(value, decimals: 2)
    }

    /// `12.50`, `15.625`, `7.8125`: at least cents, and every further digit the value has (a tick
    /// value is exact money, and 1/64 of a point of ZN is 15.625 dollars).
    static func exactMoney(_ value: Decimal?) -> String {
        guard let value, !value.isNaN else { return "" }
        let text = plain(value)
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
        return decimals >= 2 ? text : fixed(value, decimals: 2)
    }

    /// The exact decimal text without trailing zeros and without an exponent.
    private static func plain(_ value: Decimal) -> String {
        // `description` gives every digit of the representation, with a point and no exponent;
        // a value computed by Decimal arithmetic may carry trailing zeros, dropped here.
        var text = value.description
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `value` rounded to `decimals` places (half away from zero) and written with exactly that
    /// many: `fixed(5000.5, 2)` is `5000.50`.
    private static func fixed(_ value: Decimal, decimals: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, decimals, .plain)
        var text = plain(rounded)
        guard decimals > 0 else { return text }
        let present = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        if present == nil { text += "." }
        text += String(repeating: "0", count: decimals - (present ?? 0))
        return text
    }

    private static let clockStyle = Date.VerbatimFormatStyle(
        format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits).\(secondFraction: .fractional(3))",
        timeZone: .gmt, calendar: Calendar(identifier: .gregorian)
    )

    /// `14:30:01.123`: the time of day in UTC with milliseconds, for stream lines (which say
    /// UTC; ``TimeDisplay/timeOfDay(_:)`` is the same in the display zone).
    static func timeOfDay(_ date: Date) -> String {
        clockStyle.format(date)
    }

    /// `5000.25` with exactly `decimals` decimals (a contract's tick precision), or `-` for none.
    /// A price with more digits than that (off the contract's grid) keeps them all: a price is
    /// never shown rounded.
    static func price(_ value: Decimal?, decimals: Int) -> String {
        guard let value, !value.isNaN else { return "-" }
        let exact = plain(value)
        let present = exact.firstIndex(of: ".").map { exact.distance(from: $0, to: exact.endIndex) - 1 } ?? 0
        return fixed(value, decimals: max(present, max(0, min(18, decimals))))
    }

    /// `+12.50`, `-3.25`, `0.00`: a change with its sign, rounded to `decimals` places.
    static func signed(_ value: Decimal?, decimals: Int) -> String {
        guard let value, !value.isNaN else { return "-" }
        let text = fixed(value, decimals: max(0, min(18, decimals)))
        return value > 0 && text.contains(where: { $0 >= "1" && $0 <= "9" }) ? "+" + text : text
    }

    /// `412 ms`, `2.35 s`.
    static func elapsed(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }

    /// `23h 59m`, `4m 10s`, `expired`.
    static func duration(_ seconds: TimeInterval) -> String {
        guard seconds > 0 else { return "expired" }
        // Beyond a century (or not finite: an outside value) there is no integer worth printing.
        guard seconds.isFinite, seconds < 3_153_600_000 else { return "more than 100 years" }
        let total = Int(seconds.rounded())
        let (days, hours, minutes, secs) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(secs)s" }
        return "\(secs)s"
    }

    static func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }

    static func side(_ side: OrderSide) -> String { side == .buy ? "buy" : "sell" }

    static func orderType(_ type: OrderType) -> String {
        switch type {
        case .unknown: "unknown"
        case .limit: "limit"
        case .market: "market"
        case .stopLimit: "stop-limit"
        case .stop: "stop"
        case .trailingStop: "trailing"
        case .joinBid: "join-bid"
        case .joinAsk: "join-ask"
        }
    }

    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .none: "none"
        case .open: "open"
        case .filled: "filled"
        case .cancelled: "cancelled"
        case .expired: "expired"
        case .rejected: "rejected"
        case .pending: "pending"
        case .pendingCancellation: "pending-cancel"
        case .suspended: "suspended"
        }
    }

    static func positionType(_ type: PositionType) -> String {
        switch type {
        case .undefined: "?"
        case .long: "long"
        case .short: "short"
        }
    }
}
