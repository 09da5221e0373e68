import Gateway

extension CommandContext {
    /// The state of `account` from its ``AccountMonitor`` (kept across the shell's commands),
    /// once it is in sync with the gateway, or degraded: the snapshot was just read, but a
    /// subscription the gateway refuses will let it go stale (a note on stderr says so).
    ///
    /// - Parameter pricing: value positions with the market hub too.
    /// - Throws: ``CLIError`` when the state is not in sync within 30 s (or the hub fails).
    func accountState(of account: Account, pricing: Bool = false) async throws -> (monitor: AccountMonitor, state: AccountSnapshot) {
        let monitor = try await realtime.accountMonitor(accountId: account.id, pricing: pricing)
        let state: AccountSnapshot
        do {
            state = try await monitor.settled(timeout: .seconds(30))
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
