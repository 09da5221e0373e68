import ArgumentParser
import Gateway

/// `--unit second|minute|hour|day|week|month|tick` (plurals accepted).
enum BarUnitArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case second, minute, hour, day, week, month, tick

    init?(argument: String) {
        var name = argument.lowercased()
        if name.hasSuffix("s"), name.count > 1 { name.removeLast() }
        self.init(rawValue: name)
    }

    /// The gateway's unit.
    var unit: BarUnit {
        switch self {
        case .second: .second
        case .minute: .minute
        case .hour: .hour
        case .day: .day
        case .week: .week
        case .month: .month
        case .tick: .tick
        }
    }

    /// A bar's nominal length in seconds (a tick bar has none), to choose a default window.
    var nominalSeconds: Double? {
        switch self {
        case .second: 1
        case .minute: 60
        case .hour: 3600
        case .day: 86_400
        case .week: 7 * 86_400
        case .month: 31 * 86_400
        case .tick: nil
        }
    }

    /// `1-minute bars`, `5-second bars`, `100-tick bars`: how a chart's title names the bars.
    func barsName(unitNumber: Int) -> String {
        "\(unitNumber)-\(rawValue) bars"
    }
}
