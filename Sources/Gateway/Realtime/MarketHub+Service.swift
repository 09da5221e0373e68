import ServiceLifecycle

/// A ``MarketHub`` runs in a swift-service-lifecycle `ServiceGroup` beside a program's own
/// services: ``run()`` connects, keeps the hub running, and stops it cleanly on graceful
/// shutdown or cancellation.
///
/// ```swift
/// let market = MarketHub(client: client)
/// let group = ServiceGroup(services: [market, myStrategy], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
extension MarketHub: Service {
    /// Connects (throwing the first connection's failure as ``start()`` does), then runs until
    /// a graceful shutdown is triggered or the task is cancelled, and stops the hub (its status
    /// is then `stopped`). Subscribe from another service once the hub runs; subscriptions made
    /// before are applied on connect.
    public func run() async throws {
        try await start()
        await HubServiceRun.waitForShutdown()
        await stop()
    }
}
