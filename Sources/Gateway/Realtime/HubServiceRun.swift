import ServiceLifecycle

/// What the hubs' `Service.run()` share.
enum HubServiceRun {
    /// Returns when a graceful shutdown is triggered or the task is cancelled: either ends the
    /// run the same way, with a clean stop.
    static func waitForShutdown() async {
        do {
            try await gracefulShutdown()
        } catch {
            // CancellationError, the only error gracefulShutdown() throws: the task was cancelled.
        }
    }
}
