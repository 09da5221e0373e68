import Hummingbird
import HummingbirdCore
import SignalRServer

/// The extension point for the SignalR hubs (`/hubs/user`, `/hubs/market`), implemented by the
/// hub layer on top of `SignalRServer` and passed to ``GatewaySimulator/init(configuration:hubs:logger:)``.
/// ``SimulatorHubs`` is the implementation every simulator uses unless given another.
///
/// What the hub layer gets from ``SimulatorCore``:
/// - authentication: ``SimulatorCore/verify(token:)`` (401 at negotiate and upgrade),
///   ``TokenAuthority/expiry(of:)`` and ``TokenAuthority/lifecycleEvents()`` to close
///   connections whose token expires or is revoked;
/// - market hub: ``MarketFeed/subscribe(bufferSize:)`` per connection, whose
///   ``MarketFeedSubscription`` mirrors `SubscribeContract…` calls and yields ``SimMarketEvent``s with
///   their ``SimMarketEvent/hubMethod`` and `(contractId, data)` arguments;
/// - user hub: ``Exchange/events`` → ``UserEventBus/subscribe()`` per connection, ownership
///   checks with ``Exchange/account(_:ownedBy:)`` and ``Exchange/accounts(of:onlyActive:)``;
/// - faults: ``FaultInjector/consumeUpgradeRefusal()`` (per WebSocket upgrade), ``FaultInjector/frameMode``,
///   ``FaultInjector/oversizedDepthFrameBytes`` and ``FaultInjector/hubCommands()``.
public protocol SimulatorHubHosting: Sendable {
    /// Adds the hub routes (negotiate, plain-HTTP refusals) to the simulator's router.
    func addRoutes(to router: Router<SimulatorRequestContext>, core: SimulatorCore)

    /// The HTTP server to run, typically HTTP/1 with a WebSocket upgrade for the hub paths.
    func serverBuilder(core: SimulatorCore) -> HTTPServerBuilder

    /// Runs for the server's lifetime (for example consuming ``FaultInjector/hubCommands()``);
    /// cancelled when the simulator stops. Default: returns at once.
    func run(core: SimulatorCore) async

    /// The server's open connections, which the simulator closes when a stop has not finished
    /// within a grace period (a connection that never sent a request can keep the server's
    /// shutdown waiting). Default: none tracked.
    func connections(core: SimulatorCore) -> ServerConnections?
}

extension SimulatorHubHosting {
    /// Nothing to run by default.
    public func run(core: SimulatorCore) async {}

    /// Nothing tracked by default.
    public func connections(core: SimulatorCore) -> ServerConnections? { nil }
}
