/// The length of a time bar, aligned to UTC boundaries (see ``BarAggregator``).
///
/// Bars start at whole multiples of the period counted from the Unix epoch
/// (1970-01-01T00:00:00Z): a 5-minute bar starts at :00, :05, ...; an hourly bar on the hour
/// (UTC); a daily bar at 00:00 UTC. Multi-day periods count from the epoch, so they are
/// consistent but do not follow weeks or sessions; exchange-session bars (CME day = 17:00 CT)
/// are a different, calendar-aware aggregation.
///
/// The static constructors are for constants in code and trap on a non-positive count (a
/// programmer error); parse user input with ``init(_:)`` (`"30s"`, `"5m"`, `"1h"`, `"1d"`) or
/// ``init(seconds:)``, which return nil instead.
///
/// ```swift
/// let period = BarPeriod.minutes(5)
/// let fromFlag = BarPeriod("15m")    // Optional(15m)
/// ```
public struct BarPeriod: Sendable, Hashable, Comparable {
    /// The length in whole seconds; always > 0.
    public let seconds: Int

    /// A period of `seconds` seconds, or nil unless it is positive.
    public init?(seconds: Int) {
        guard seconds > 0 else { return nil }
        self.seconds = seconds
    }

    private init(count: Int, unit: Int) {
        precondition(count > 0 && count <= Int.max / unit, "a bar period needs a positive count")
        seconds = count * unit
    }

    /// `count` seconds; traps unless `count` > 0.
    public static func seconds(_ count: Int) -> BarPeriod { BarPeriod(count: count, unit: 1) }
    /// `count` minutes; traps unless `count` > 0.
    public static func minutes(_ count: Int) -> BarPeriod { BarPeriod(count: count, unit: 60) }
    /// `count` hours; traps unless `count` > 0.
    public static func hours(_ count: Int) -> BarPeriod { BarPeriod(count: count, unit: 3_600) }
    /// `count` UTC days; traps unless `count` > 0.
    public static func days(_ count: Int) -> BarPeriod { BarPeriod(count: count, unit: 86_400) }

    /// Shorter periods order first.
    public static func < (lhs: BarPeriod, rhs: BarPeriod) -> Bool { lhs.seconds < rhs.seconds }

    private static let units: [(suffix: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
}

extension BarPeriod: LosslessStringConvertible {
    /// Parses `<count><unit>` with unit `s`, `m`, `h` or `d` (`"5m"`); nil for anything else.
    public init?(_ description: String) {
        guard let suffix = description.last,
              let unit = BarPeriod.units.first(where: { $0.suffix == suffix }),
              let count = Int(description.dropLast()), count > 0,
              count <= Int.max / unit.seconds
        else { return nil }
        seconds = count * unit.seconds
    }

    /// The largest unit that divides the period evenly: `"90s"`, `"5m"`, `"1h"`, `"2d"`.
    public var description: String {
        for unit in BarPeriod.units where seconds % unit.seconds == 0 {
            return "\(seconds / unit.seconds)\(unit.suffix)"
        }
        return "\(seconds)s"
    }
}
