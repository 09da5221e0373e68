import Foundation
import Logging
import SignalRProtocol
import SignalRServer
import NIOConcurrencyHelpers

/// One user-hub connection's subscriptions: a ``UserEventSubscription`` of the exchange's event bus,
/// opened at the first `Subscribe…` call, and the task that forwards its events to the socket as
/// `GatewayUserAccount/Order/Position/Trade(data)`, one argument, a single object.
///
/// Subscriptions die with the connection: ``close()`` cancels the bus subscription and the task.
///
/// ```swift
/// let state = UserConnection(connection: connection, core: core, logger: logger)
/// state.subscription()?.subscribeOrders(8_101_001)
/// ```
final class UserConnection: Sendable {
    private struct State {
        var subscription: UserEventSubscription?
        var forwarder: Task<Void, Never>?
        var closed = false
    }

    let connection: HubConnectionContext
    private let core: SimulatorCore
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(connection: HubConnectionContext, core: SimulatorCore, logger: Logger) {
        self.connection = connection
        self.core = core
        self.logger = logger
    }

    /// The connection's bus subscription, opened (and its forwarding started) on first use; nil
    /// once the connection closed.
    func subscription() -> UserEventSubscription? {
        state.withLockedValue { state -> UserEventSubscription? in
            if state.closed { return nil }
            if let existing = state.subscription { return existing }
            let subscription = core.exchange.events.subscribe()
            state.subscription = subscription
            state.forwarder = Task { [connection, core, logger] in
                await Self.forward(subscription.events, to: connection, core: core, logger: logger)
            }
            return subscription
        }
    }

    /// The bus subscription if one was opened (unsubscribing never opens one).
    var existingSubscription: UserEventSubscription? { state.withLockedValue { $0.subscription } }

    /// Ends the subscriptions (the connection closed).
    func close() {
        let (subscription, forwarder) = state.withLockedValue { state -> (UserEventSubscription?, Task<Void, Never>?) in
            state.closed = true
            defer {
                state.subscription = nil
                state.forwarder = nil
            }
            return (state.subscription, state.forwarder)
        }
        subscription?.cancel()
        forwarder?.cancel()
    }

    private static func forward(
        _ events: AsyncStream<SimUserEvent>, to connection: HubConnectionContext, core: SimulatorCore, logger: Logger
    ) async {
        var framing = FramingSwitch(faults: core.faults)
        let encoder = JSONEncoder()
        for await event in events {
            let data: RawJSON
            do {
                switch event {
                case .account(let payload): data = try RawJSON(encoding: payload, encoder: encoder)
                case .order(let payload): data = try RawJSON(encoding: payload, encoder: encoder)
                case .position(let payload): data = try RawJSON(encoding: payload, encoder: encoder)
                case .trade(let payload): data = try RawJSON(encoding: payload, encoder: encoder)
                }
            } catch {
                logger.error("Could not encode \(event.hubMethod): \(error)")
                continue
            }
            framing.apply(to: connection)
            connection.send(event.hubMethod, [data])
        }
    }
}
