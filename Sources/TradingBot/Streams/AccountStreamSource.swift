import Foundation
import Gateway

/// One account's state as a stream source: the updates of its ``AccountMonitor`` (kept by the
/// context's ``RealtimeHubs``, so the shell reuses it), with the user hub's status.
struct AccountStreamSource: StreamSource {
    let realtime: RealtimeHubs
    let account: Account

    var hubName: String { "user" }

    var hubURL: URL { realtime.userURL }

    func open() async throws -> OpenStream<AccountUpdate> {
        let monitor = try await realtime.accountMonitor(accountId: account.id, pricing: false)
        let hub = try await realtime.userHub()
        let name = account.name
        return OpenStream(
            events: monitor.updates(),
            statuses: hub.statusUpdates(),
            subscribe: {
                do {
                    _ = try await monitor.settled(timeout: .seconds(30))
                } catch let error as AccountMonitorError {
                    throw CLIError("Could not read the state of \(name): \(error.description)", status: .unavailable)
                }
            },
            // The monitor stays with the hubs (the shell reuses it); they stop it.
            unsubscribe: {},
            // A refused subscription stays wanted: the monitor reports it, the hub retries it.
            isSubscribed: { true }
        )
    }

    /// Every update goes to ``AccountChangeRenderer``, which knows which ones to show.
    static func kind(of event: AccountUpdate) -> StreamEventKind { .data }
}
