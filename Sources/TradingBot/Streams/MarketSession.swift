import Foundation

/// Whether the CME Globex session of equity, energy and metals futures is open at a moment, as a
/// pure function of the date: it trades from Sunday 17:00 to Friday 16:00 America/Chicago, with
/// a daily halt from 16:00 to 17:00 (Monday to Thursday). Times follow Chicago's daylight saving
/// time. Exchange holidays (early closes, closed days) are not known here: on such a day the
/// session may be closed while this says open.
///
/// ```swift
/// switch MarketSession.state(at: Date()) {
/// case .open(let closes): print("open until \(MarketSession.describe(closes))")
/// case .closed(let opens): print("closed until \(MarketSession.describe(opens))")   // "Sun 17:00 CT"
/// }
/// ```
enum MarketSession {
    /// The session at a moment, with the moment it changes next.
    enum State: Sendable, Equatable {
        case open(closes: Date)
        case closed(opens: Date)
    }

    /// The exchange's time zone.
    static let timeZone = TimeZone(identifier: "America/Chicago") ?? TimeZone(secondsFromGMT: -6 * 3600) ?? .gmt

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    /// Sunday is 1 in the Gregorian calendar's weekdays.
    private static let sunday = 1, friday = 6, saturday = 7
    private static let openHour = 17, closeHour = 16

    /// The session at `date`.
    static func state(at date: Date) -> State {
        let weekday = calendar.component(.weekday, from: date)
        let hour = calendar.component(.hour, from: date)
        switch weekday {
        case saturday:
            return .closed(opens: at(openHour, daysAfter: 1, date))
        case sunday where hour < openHour:
            return .closed(opens: at(openHour, daysAfter: 0, date))
        case friday where hour >= closeHour:
            return .closed(opens: at(openHour, daysAfter: 2, date))
        case _ where hour == closeHour:
            return .closed(opens: at(openHour, daysAfter: 0, date))
        case friday:
            return .open(closes: at(closeHour, daysAfter: 0, date))
        case _ where hour < closeHour:
            return .open(closes: at(closeHour, daysAfter: 0, date))
        default:
            // From 17:00, Sunday to Thursday: open until 16:00 the next day.
            return .open(closes: at(closeHour, daysAfter: 1, date))
        }
    }

    /// `Sun 17:00 CT`: a moment of the session's calendar, in Chicago time.
    static func describe(_ date: Date) -> String {
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        let day = parts.weekday.flatMap { names.indices.contains($0 - 1) ? names[$0 - 1] : nil } ?? "?"
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        return "\(day) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) CT"
    }

    /// `hour`:00 Chicago time, `days` calendar days after `date`'s day.
    private static func at(_ hour: Int, daysAfter days: Int, _ date: Date) -> Date {
        let start = calendar.startOfDay(for: date)
        let day = calendar.date(byAdding: .day, value: days, to: start) ?? start
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: day) ?? day.addingTimeInterval(TimeInterval(hour * 3600))
    }
}
