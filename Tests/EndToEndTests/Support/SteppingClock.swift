import Foundation
import GatewaySimulator
import NIOConcurrencyHelpers

/// A wall clock that moves `step` seconds forward every time it is read: with a token lifetime
/// shorter than the step, every token has expired by the time it is presented.
final class SteppingClock: Sendable {
    private let current: NIOLockedValueBox<Date>
    private let step: TimeInterval

    init(step: TimeInterval, start: Date = Date()) {
        self.step = step
        self.current = NIOLockedValueBox(start)
    }

    var wallClock: WallClock {
        { [self] in
            current.withLockedValue { now in
                now = now.addingTimeInterval(step)
                return now
            }
        }
    }
}
