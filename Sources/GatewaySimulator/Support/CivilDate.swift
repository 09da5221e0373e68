import Foundation

/// A proleptic Gregorian calendar date in UTC, computed without `Calendar` (fast, allocation free).
struct CivilDate: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int

    /// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number since 1970-01-01.
    static func fromDays(_ days: Int) -> CivilDate {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CivilDate(year: m <= 2 ? y + 1 : y, month: m, day: d)
    }

    /// The UTC civil date of `date`.
    init(_ date: Date) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        self = CivilDate.fromDays(CivilDate.floorDiv(seconds, 86_400))
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01.
    var dayNumber: Int { CivilDate.daysFromCivil(year: year, month: month, day: day) }

    /// Midnight UTC of this date.
    var startOfDay: Date { Date(timeIntervalSince1970: TimeInterval(dayNumber) * 86_400) }

    /// Adds whole months, normalising the year (the day is kept; callers use small days).
    func addingMonths(_ months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        return CivilDate(year: CivilDate.floorDiv(index, 12), month: index - CivilDate.floorDiv(index, 12) * 12 + 1, day: day)
    }

    /// Integer division rounding toward negative infinity.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
