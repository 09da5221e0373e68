/// The market's async loop: every ``MarketFeedConfiguration/tickInterval`` the feed steps
/// and the exchange matches. Ends when its task is cancelled.
public struct MarketDriver: Sendable {
    /// The parts to drive.
    public let core: SimulatorCore

    /// Creates a driver.
    public init(core: SimulatorCore) { self.core = core }

    /// Runs until cancelled.
    public func run() async {
        let interval = core.configuration.market.tickInterval
        let clock = ContinuousClock()
        var deadline = clock.now.advanced(by: interval)
        while !Task.isCancelled {
            do {
                try await Task.sleep(until: deadline, clock: clock)
            } catch {
                return
            }
            await core.advanceMarket()
            // Keep the cadence, but never try to catch up a backlog after a stall of the host.
            deadline = max(deadline.advanced(by: interval), clock.now)
        }
    }
}
