import Gateway

extension CommandContext {
    /// The state of `account` from its ``AccountMonitor`` (kept across the shell's commands),
    /// once it is in sync with the gateway, or degraded: the snapshot was just read, but a
    /// subscription the gateway refuses will let it go stale (a note on stderr says so).
    ///
    /// The state is read anew for every command, also from a monitor the shell kept: the events
    /// of an order the previous line placed may still be on their way when this line runs, and a
    /// listing must never be older than the command that prints it. What the kept monitor saves
    /// is the hub connection, its subscriptions and the quotes that value positions.
    ///
    /// - Parameter pricing: value positions with the market hub too.
    /// - Throws: ``CLIError`` when the state is not in sync within 30 s (or the hub fails).
    func accountState(of account: Account, pricing: Bool = false) async throws -> (monitor: AccountMonitor, state: AccountSnapshot) {
        let started = ContinuousClock.now
        let monitor = try await realtime.accountMonitor(accountId: account.id, pricing: pricing)
        switch monitor.status {
        case .inSync, .degraded: monitor.resynchronize(reason: "a command reads the state")
        default: break
        }
        let state: AccountSnapshot
        do {
            state = try await monitor.settled(since: started, timeout: .seconds(30))
        } catch let error as AccountMonitorError {
            throw CLIError(
                "Could not read the state of \(account.name): \(error.description)",
                status: error.code == .accountNotFound ? .rejected : .unavailable
            )
        }
        if case .degraded(let reason) = monitor.status {
            output.note("note: \(account.name) is not fully followed: \(reason).")
        }
        return (monitor, state)
    }
}
