import Foundation

/// The time labels under a chart, in the display zone like every time the program prints (the
/// chart names the zone once, at the end of the row): as short as the bars allow (`14:30` within one day, `11-27` for daily bars, `11-27 14:30` otherwise), placed
/// under the bars they name without overlapping.
enum TimeAxis {
    /// How much of a time the labels show.
    enum Precision: Sendable, Equatable {
        case timeOfDay, timeOfDayWithSeconds, day, dayAndTime

        func format(_ date: Date, in times: TimeDisplay) -> String {
            let style = { (format: Date.FormatString) in TimeAxis.style(format, zone: times.zone) }
            return switch self {
            case .timeOfDay: style("\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)").format(date)
            case .timeOfDayWithSeconds:
                style("\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits)").format(date)
            case .day: style("\(month: .twoDigits)-\(day: .twoDigits)").format(date)
            case .dayAndTime:
                style("\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)").format(date)
            }
        }
    }

    /// The shortest precision that tells `times` apart.
    static func precision(for times: [Date], in display: TimeDisplay) -> Precision {
        guard let first = times.first, let last = times.last else { return .timeOfDay }
        let calendar = display.calendar
        let sameDay = calendar.isDate(first, inSameDayAs: last)
        let seconds = times.contains { calendar.component(.second, from: $0) != 0 }
        if sameDay { return seconds ? .timeOfDayWithSeconds : .timeOfDay }
        let midnights = times.allSatisfy { calendar.startOfDay(for: $0) == $0 }
        return midnights ? .day : .dayAndTime
    }

    /// One row of `width` characters with labels for `times`, each starting at the column given
    /// for it in `columns` (ascending) or, near the right edge, ending at the edge; left to right,
    /// skipping any that would overlap the one before (two blanks apart).
    static func row(times: [Date], columns: [Int], width: Int, in display: TimeDisplay) -> String {
        let precision = precision(for: times, in: display)
        var row = [Character](repeating: " ", count: max(0, width))
        var free = 0
        for (time, column) in zip(times, columns) where column >= free {
            let label = Array(precision.format(time, in: display))
            let start = min(column, width - label.count)
            guard start >= free else { continue }
            row.replaceSubrange(start..<start + label.count, with: label)
            free = start + label.count + 2
        }
        return String(row)
    }

    fileprivate static func style(_ format: Date.FormatString, zone: TimeZone) -> Date.VerbatimFormatStyle {
        Date.VerbatimFormatStyle(format: format, timeZone: zone, calendar: Calendar(identifier: .gregorian))
    }
}
