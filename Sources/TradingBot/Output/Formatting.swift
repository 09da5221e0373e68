import Foundation
import Gateway

/// How values read in tables and sentences: prices without float noise, money with cents, times
/// in UTC, enums by the names the command line uses.
enum Formatting {
    private static let timeStyle = Date.ISO8601FormatStyle(dateTimeSeparator: .space, timeZone: .gmt)

    /// `5000.25`, `0.000005`, `5000`: up to 9 decimals, trailing zeros dropped.
    static func price(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        var text = String(format: "%.9f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `50000.00`, `-12.50`.
    static func money(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(format: "%.2f", value)
    }

    /// `2026-11-27 14:30:00Z`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        return timeStyle.format(date)
    }

    private static let clockStyle = Date.VerbatimFormatStyle(
        format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits).\(secondFraction: .fractional(3))",
        timeZone: .gmt, calendar: Calendar(identifier: .gregorian)
    )

    /// `14:30:01.123`: the time of day in UTC with milliseconds, for stream lines.
    static func timeOfDay(_ date: Date) -> String {
        clockStyle.format(date)
    }

    /// `5000.25` with exactly `decimals` decimals (a contract's tick precision), or `-` for none.
    static func price(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "-" }
        let text = String(format: "%.\(max(0, min(9, decimals)))f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// `+12.50`, `-3.25`, `0.00`: a change with its sign.
    static func signed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "-" }
        let text = price(value, decimals: decimals)
        return value > 0 && Double(text) != 0 ? "+" + text : text
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
