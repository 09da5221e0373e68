import Foundation
import Gateway
import GatewaySimulator
import MarketData
import NIOConcurrencyHelpers

/// Options that make the hubs react within a test's patience: fast keep-alive, quick retries.
enum FastHubs {
    static var hub: HubOptions {
        var options = HubOptions()
        options.keepAliveInterval = .seconds(1)
        options.serverTimeout = .seconds(4)
        options.reconnectPolicy = ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .milliseconds(500))
        return options
    }

    static func market(staleFeedWindow: Duration? = nil) -> MarketHub.Options {
        var options = MarketHub.Options()
        options.hub = hub
        options.staleFeedWindow = staleFeedWindow
        return options
    }
}

/// Records what a hub delivered, for assertions that wait for something to happen.
final class EventLog<Event: Sendable>: Sendable {
    private final class Storage: Sendable {
        let events = NIOLockedValueBox<[(ContinuousClock.Instant, Event)]>([])
    }

    private let storage = Storage()
    private let consumer: Task<Void, Never>

    init(_ stream: AsyncStream<Event>) {
        let storage = self.storage
        consumer = Task {
            for await event in stream { storage.events.withLockedValue { $0.append((.now, event)) } }
        }
    }

    deinit { consumer.cancel() }

    var all: [Event] { storage.events.withLockedValue { $0.map(\.1) } }

    func since(_ instant: ContinuousClock.Instant) -> [Event] {
        storage.events.withLockedValue { $0.filter { $0.0 > instant }.map(\.1) }
    }

    /// Waits up to `seconds` for an event after `instant` that satisfies `match`.
    @discardableResult
    func wait(seconds: Double = 10, since instant: ContinuousClock.Instant = .now - .seconds(3600), for match: (Event) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if since(instant).contains(where: match) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return since(instant).contains(where: match)
    }
}

extension MarketEvent {
    var isLive: Bool { if case .live = self { return true } else { return false } }
    var isGap: Bool { if case .gap = self { return true } else { return false } }
    func isQuote(_ contract: String) -> Bool { if case .quote(let id, _) = self { return id == contract } else { return false } }
    func isDepth(_ contract: String) -> Bool { if case .depth(let id, _) = self { return id == contract } else { return false } }
    func isTrades(_ contract: String) -> Bool { if case .trades(let id, _) = self { return id == contract } else { return false } }
}

extension UserEvent {
    var isLive: Bool { if case .live = self { return true } else { return false } }
    var isOrder: Bool { if case .order = self { return true } else { return false } }
    var isPosition: Bool { if case .position = self { return true } else { return false } }
    var isTrade: Bool { if case .trade = self { return true } else { return false } }
}

/// Polls a condition for up to `seconds`.
func eventually(seconds: Double = 30, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
