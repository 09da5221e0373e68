import Foundation

/// How times read for people: in one display zone (`--tz`, `PROJECTX_TIME_ZONE`, `timeZone`;
/// by default the exchange's, America/Chicago), always with the zone's abbreviation or offset
/// so that a time is never ambiguous. JSON output keeps ISO-8601 UTC (see ``JSONLines``).
///
/// A value, resolved once per command from its configuration and passed to whatever prints.
///
/// ```swift
/// let chicago = TimeDisplay(zone: TimeZone(identifier: "America/Chicago")!)
/// chicago.stamp(date)      // "2026-11-27 08:30:00 CST"
/// chicago.timeOfDay(date)  // "08:30:00.000"
/// ```
struct TimeDisplay: Sendable, Equatable {
    let zone: TimeZone

    init(zone: TimeZone) {
        self.zone = zone
    }

    /// UTC, as the charts and tables printed before the display zone existed.
    static let utc = TimeDisplay(zone: .gmt)

    /// The Gregorian calendar in the display zone (days, midnights and labels follow it).
    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// `2026-11-27 08:30:00 CST`; empty for nil.
    func stamp(_ date: Date?) -> String {
        guard let date else { return "" }
        return dateAndTime(date) + " " + label(at: date)
    }

    /// `2026-11-27 08:30:00`: the wall-clock date and time without the zone (for a line that names
    /// the zone once).
    func dateAndTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0
        )
    }

    /// `08:30:01.123`: the time of day with milliseconds, without the zone.
    func timeOfDay(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
        let milliseconds = min(999, (parts.nanosecond ?? 0) / 1_000_000)
        return String(format: "%02d:%02d:%02d.%03d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, milliseconds)
    }

    /// The zone as it stood at `date`: its abbreviation when it has a letter one (`CST`, `CDT`,
    /// `UTC`), otherwise the offset (`-03:00`, `+05:30`).
    func label(at date: Date) -> String {
        let seconds = zone.secondsFromGMT(for: date)
        if seconds == 0, zone.identifier == "GMT" || zone.identifier == "UTC" || zone == .gmt { return "UTC" }
        // Linux's `abbreviation(for:)` answers `GMT-6` where macOS answers `CST`; the short
        // localized name is the letter abbreviation on both where the zone has one.
        let style: NSTimeZone.NameStyle = zone.isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
        let candidates = [zone.localizedName(for: style, locale: Self.english), zone.abbreviation(for: date)].compactMap { $0 }
        for name in candidates where !name.isEmpty && name.allSatisfy({ $0.isLetter && $0.isASCII }) && (name != "GMT" || seconds == 0) {
            return name
        }
        return Self.offset(seconds)
    }

    private static let english = Locale(identifier: "en_US")

    /// `-06:00`, `+05:30`, `+00:00`.
    static func offset(_ seconds: Int) -> String {
        let magnitude = abs(seconds) / 60
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", magnitude / 60, magnitude % 60)
    }
}
