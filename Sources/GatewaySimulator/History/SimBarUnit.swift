import Foundation

/// `AggregateBarUnit` (`retrieveBars.unit`). 0 Unspecified is not a valid request unit.
public enum SimBarUnit: Int, Sendable, CaseIterable {
    case second = 1, minute, hour, day, week, month, tick

    /// Seconds per synthetic trade of the history tape (tick bars): 4 trades a second.
    static let secondsPerTick = 0.25
}

/// One `AggregateBarModel`: bar start time, OHLC and volume.
public struct SimBar: Sendable, Equatable {
    public var time: Date
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Int
}
