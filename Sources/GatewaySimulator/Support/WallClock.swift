import Foundation
import NIOConcurrencyHelpers

/// The wall clock every time-dependent part of the simulator reads (token expiry, rate-limit
/// windows, timestamps, bar windows). Inject a ``ManualClock`` in tests to move time by hand.
public typealias WallClock = @Sendable () -> Date

/// The system wall clock.
public let systemWallClock: WallClock = { Date() }

/// A wall clock that only moves when told to. Thread-safe.
public final class ManualClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    /// Creates a clock that reads `start` until it is moved.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_757_000_000)) {
        self.current = NIOLockedValueBox(start)
    }

    /// The current reading.
    public var now: Date { current.withLockedValue { $0 } }

    /// Moves the clock forward (or backward, with a negative interval).
    public func advance(by seconds: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLockedValue { $0 = date }
    }

    /// This clock as a ``WallClock`` closure.
    public var wallClock: WallClock {
        { [self] in self.now }
    }
}
