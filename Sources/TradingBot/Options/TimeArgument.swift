import ArgumentParser
import Foundation

/// A point in time typed on the command line (`--from`, `--to`), read in the display zone:
///
/// - `now`; `today` and `yesterday`: the start (midnight) of that calendar day in the display
///   zone, not of a trading day;
/// - `-30m`, `-2h`: that many minutes or hours before now; `-3d`, `-1w`: that many days or weeks
///   before now on the display zone's calendar (the same wall-clock time, 23 or 25 hours a day
///   across a daylight-saving change);
/// - `2026-11-27` (midnight), `2026-11-27T14:30`, `2026-11-27 14:30:05.250`: a wall-clock date or
///   time in the display zone. A time the clocks skip (02:30 on a spring-forward night) is an
///   error; a time they repeat (01:30 on a fall-back night) is its first occurrence;
/// - the same with `Z` or an offset (`2026-11-27T14:30:00Z`, `2026-11-27T14:30-05:00`): exactly
///   that instant, whatever the display zone.
///
/// Parsing the text checks only its form; ``date(now:in:option:)`` turns it into an instant,
/// given the clock's reading and the zone, so that both are inputs (and unit tested).
struct TimeArgument: Sendable, Equatable {
    /// What the text says, before a clock and a zone give it an instant.
    enum Form: Sendable, Equatable {
        case now, today, yesterday
        /// `-2h`: `count` units before now.
        case ago(count: Int, unit: Unit)
        /// A wall-clock time in the display zone.
        case wallTime(WallTime)
        /// A wall-clock time at a given offset from UTC, in seconds: one instant.
        case offset(WallTime, seconds: Int)
    }

    /// The units of a relative time.
    enum Unit: Character, Sendable, Equatable {
        case minute = "m", hour = "h", day = "d", week = "w"
    }

    /// A calendar date and a time of day, as typed.
    struct WallTime: Sendable, Equatable {
        var year, month, day: Int
        var hour = 0, minute = 0, second = 0, nanosecond = 0
    }

    /// The text as typed (trimmed), for errors.
    let text: String
    let form: Form

    /// The forms accepted, for errors and help.
    static let acceptedForms =
        "now, today, yesterday, a time before now (-30m, -2h, -3d, -1w), a date or date-time in the display zone "
        + "(2026-11-27, 2026-11-27T14:30, 2026-11-27 14:30:05) or one with an offset (2026-11-27T14:30:00Z, 2026-11-27T14:30-05:00)"

    /// Reads `argument`; nil when it has none of the accepted forms.
    init?(_ argument: String) {
        let trimmed = argument.trimmingCharacters(in: .whitespaces)
        guard let form = Self.form(of: trimmed) else { return nil }
        self.text = trimmed
        self.form = form
    }

    /// For `@Option(transform:)`: the argument, or an error listing the accepted forms.
    @Sendable static func parse(_ argument: String) throws -> TimeArgument {
        guard let time = TimeArgument(argument) else {
            throw ValidationError("\"\(argument)\" is not a time; use \(acceptedForms).")
        }
        return time
    }

    /// The instant this names, `now` being the clock's reading and `zone` the display zone.
    /// `option` (`--from`) words the error for a wall-clock time the zone skips.
    func date(now: Date, in zone: TimeZone, option: String) throws(CLIError) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        switch form {
        case .now:
            return now
        case .today:
            return calendar.startOfDay(for: now)
        case .yesterday:
            let today = calendar.startOfDay(for: now)
            // Noon of the day before, whose midnight may be 23 or 25 hours before today's.
            return calendar.startOfDay(for: today.addingTimeInterval(-12 * 3600))
        case .ago(let count, let unit):
            switch unit {
            case .minute: return now.addingTimeInterval(-Double(count) * 60)
            case .hour: return now.addingTimeInterval(-Double(count) * 3600)
            case .day, .week:
                let days = unit == .week ? count * 7 : count
                guard let date = calendar.date(byAdding: .day, value: -days, to: now) else {
                    throw .usage("\(option) \(text) is too far back; give a date instead.")
                }
                return date
            }
        case .offset(let wall, let seconds):
            return wall.asUTC.addingTimeInterval(-Double(seconds))
        case .wallTime(let wall):
            // The instants whose offset is the zone's a day before or a day after: outside a
            // transition both are the same; in a repeated hour both read `wall`, in a skipped
            // hour neither does.
            let naive = wall.asUTC
            let offsets = Set([zone.secondsFromGMT(for: naive.addingTimeInterval(-86_400)), zone.secondsFromGMT(for: naive.addingTimeInterval(86_400))])
            let matching = offsets.map { naive.addingTimeInterval(-Double($0)) }.filter { WallTime(of: $0, in: calendar) == wall.withoutFraction }
            guard let first = matching.min() else {
                throw .usage(
                    "\(option) \(text) does not exist in \(zone.identifier) (the clocks skip it that night); "
                        + "give a time outside the skipped hour, or an offset such as \(text)\(TimeDisplay.offset(offsets.min() ?? 0))."
                )
            }
            return first
        }
    }

    private static func form(of text: String) -> Form? {
        switch text.lowercased() {
        case "now": return .now
        case "today": return .today
        case "yesterday": return .yesterday
        default: break
        }
        if text.hasPrefix("-"), let last = text.last, let unit = Unit(rawValue: Character(last.lowercased())) {
            let digits = text.dropFirst().dropLast()
            guard (1...6).contains(digits.count), digits.allSatisfy(\.isASCII), let count = Int(digits), count >= 1 else { return nil }
            return .ago(count: count, unit: unit)
        }
        return dated(text)
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH:MM|±HHMM|±HH]`.
    private static func dated(_ text: String) -> Form? {
        var rest = Substring(text)
        func number(_ width: Int) -> Int? {
            let digits = rest.prefix(width)
            guard digits.count == width, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            rest = rest.dropFirst(width)
            return Int(digits)
        }
        func skip(_ character: Character) -> Bool {
            guard rest.first == character else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let year = number(4), skip("-"), let month = number(2), skip("-"), let day = number(2) else { return nil }
        var wall = WallTime(year: year, month: month, day: day)
        var hasTime = false
        if let separator = rest.first, separator == "T" || separator == "t" || separator == " " {
            rest = rest.dropFirst()
            guard let hour = number(2), skip(":"), let minute = number(2) else { return nil }
            wall.hour = hour
            wall.minute = minute
            hasTime = true
            if skip(":") {
                guard let second = number(2) else { return nil }
                wall.second = second
                if skip(".") {
                    let digits = rest.prefix { $0.isASCII && $0.isNumber }
                    guard (1...9).contains(digits.count), let fraction = Int(digits) else { return nil }
                    rest = rest.dropFirst(digits.count)
                    wall.nanosecond = fraction * Int(pow(10, Double(9 - digits.count)))
                }
            }
        }
        guard wall.isValid else { return nil }
        if rest.isEmpty { return .wallTime(wall) }
        // An offset only after a time of day: `2026-11-27Z` is not a form anyone means.
        guard hasTime else { return nil }
        if rest == "Z" || rest == "z" { return .offset(wall, seconds: 0) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        rest = rest.dropFirst()
        guard let hours = number(2), hours <= 23 else { return nil }
        var minutes = 0
        if !rest.isEmpty {
            _ = skip(":")
            guard let value = number(2), value <= 59, rest.isEmpty else { return nil }
            minutes = value
        }
        let seconds = (hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1)
        return .offset(wall, seconds: seconds)
    }
}
