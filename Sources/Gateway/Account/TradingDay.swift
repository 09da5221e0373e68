import Foundation

/// Where a trading day begins, for "today's fills": a time of day in a time zone.
///
/// The default is the CME Globex day, which begins at 17:00 in Chicago (the day of a fill at
/// 18:00 Chicago time on Monday is Tuesday's), the day futures brokers and prop firms report by.
///
/// ```swift
/// let day = TradingDay.cme
/// let since = day.start(containing: Date())       // yesterday or today at 17:00 Chicago time
/// let utc = TradingDay(timeZone: .gmt, hour: 0)    // calendar days in UTC
/// ```
public struct TradingDay: Sendable, Hashable {
    public var timeZone: TimeZone
    /// The hour (0-23) at which a day begins, in ``timeZone``.
    public var hour: Int

    public init(timeZone: TimeZone, hour: Int) {
        self.timeZone = timeZone
        self.hour = min(max(hour, 0), 23)
    }

    /// 17:00 America/Chicago (daylight saving time included); UTC-6 where the time-zone database
    /// is missing.
    public static let cme = TradingDay(timeZone: TimeZone(identifier: "America/Chicago") ?? TimeZone(secondsFromGMT: -6 * 3600) ?? .gmt, hour: 17)

    /// The start of the trading day that contains `date`.
    public func start(containing date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let midnight = calendar.startOfDay(for: date)
        let today = calendar.date(bySettingHour: hour, minute: 0, second: 0, of: midnight) ?? midnight
        if date >= today { return today }
        let yesterday = calendar.date(byAdding: .day, value: -1, to: midnight) ?? midnight.addingTimeInterval(-86_400)
        return calendar.date(bySettingHour: hour, minute: 0, second: 0, of: yesterday) ?? today.addingTimeInterval(-86_400)
    }

    /// The start of the next trading day after the one that contains `date`.
    public func nextStart(after date: Date) -> Date {
        // Days last 23 to 25 hours: 36 hours after a start is inside the next day.
        start(containing: start(containing: date).addingTimeInterval(36 * 3600))
    }
}
