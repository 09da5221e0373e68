import ServiceLifecycle

/// A ``UserHub`` runs in a swift-service-lifecycle `ServiceGroup` beside a program's own
/// services: ``run()`` connects, keeps the hub running, and stops it cleanly on graceful
/// shutdown or cancellation.
extension UserHub: Service {
    /// Connects (throwing the first connection's failure as ``start()`` does), then runs until
    /// a graceful shutdown is triggered or the task is cancelled, and stops the hub.
    public func run() async throws {
        try await start()
        await HubServiceRun.waitForShutdown()
        await stop()
    }
}
