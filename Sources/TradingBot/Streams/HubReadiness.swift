import Gateway

/// Waits until a hub has applied its subscriptions.
///
/// `subscribe` returns at once when the hub is still connecting or restoring subscriptions on a
/// new connection: the subscription only joins the wanted set, and the restore applies it before
/// the hub reports ``HubStatus/live(connectionId:subscriptions:)``. So "live" after a subscribe
/// means the server has it.
enum HubReadiness {
    /// Returns when `statuses` (the hub's status now, then its changes) says live, degraded or
    /// stopped, or after `limit`; true when live.
    @discardableResult
    static func wait(for statuses: AsyncStream<HubStatus>, within limit: Duration = .seconds(10)) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                for await status in statuses {
                    switch status {
                    case .live: return true
                    case .degraded, .stopped: return false
                    case .connecting, .reconnecting: continue
                    }
                }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }
}
