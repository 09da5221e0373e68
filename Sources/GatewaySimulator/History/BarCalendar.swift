import Foundation

/// Where bars of a unit and multiple start and end.
///
/// Second, minute, hour: multiples of the bar length since 1970-01-01 00:00 UTC. Tick: the
/// history tape prints 4 trades a second, so an N-tick bar lasts N × 0.25 s. Day: the session
/// opens at 23:00 UTC (17:00 CT in winter; daylight saving is ignored), so daily bars are stamped
/// 23:00 UTC of the previous calendar day, as observed. Week: from Sunday 23:00 UTC. Month:
/// calendar months from the 1st, 00:00 UTC.
struct BarCalendar: Sendable {
    let unit: SimBarUnit
    let unitNumber: Int

    private var fixedLength: Double? {
        let n = Double(unitNumber)
        switch unit {
        case .second: return n
        case .minute: return 60 * n
        case .hour: return 3_600 * n
        case .day: return 86_400 * n
        case .week: return 604_800 * n
        case .tick: return SimBarUnit.secondsPerTick * n
        case .month: return nil
        }
    }

    private var origin: Double {
        switch unit {
        case .day: return -3_600
        case .week: return 4 * 86_400 - 3_600 // 1970-01-04 was a Sunday: weeks open Sunday 23:00 UTC
        default: return 0
        }
    }

    /// Index of the bar containing `seconds` (since 1970).
    func index(containing seconds: Double) -> Int64 {
        if let length = fixedLength {
            return Int64(((seconds - origin) / length).rounded(.down))
        }
        let civil = CivilDate(Date(timeIntervalSince1970: seconds))
        let months = (civil.year - 1970) * 12 + (civil.month - 1)
        return Int64(CivilDate.floorDiv(months, unitNumber))
    }

    /// Start of bar `index`, in seconds since 1970.
    func start(of index: Int64) -> Double {
        if let length = fixedLength {
            return origin + Double(index) * length
        }
        let months = Int(index) * unitNumber
        let date = CivilDate(year: 1970, month: 1, day: 1).addingMonths(months)
        return TimeInterval(date.dayNumber) * 86_400
    }

    /// End (exclusive) of bar `index`.
    func end(of index: Int64) -> Double { start(of: index + 1) }
}
