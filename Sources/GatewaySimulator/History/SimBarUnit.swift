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
    public var open: Decimal
    public var high: Decimal
    public var low: Decimal
    public var close: Decimal
    public var volume: Int
}
