import Foundation
import SignalRServer

/// Timings and limits of the simulator's hubs. The defaults are ASP.NET Core's (keep-alive 15 s,
/// client timeout 30 s, handshake 15 s, 32 KB received messages), plus closing connections when
/// their token expires (the gateway's behaviour is undocumented; see ``SimulatorHubs``).
///
/// Tests shorten the intervals instead of waiting for the real ones:
///
/// ```swift
/// var configuration = SimulatorHubsConfiguration()
/// configuration.hub.keepAliveInterval = .milliseconds(200)
/// configuration.hub.tickInterval = .milliseconds(50)      // token expiry is checked per tick
/// let simulator = GatewaySimulator(configuration: config, hubs: SimulatorHubs(configuration: configuration))
/// ```
public struct SimulatorHubsConfiguration: Sendable {
    /// The SignalR hub settings shared by both hubs. `now` is replaced by the simulator's wall
    /// clock, and `closeOnAuthenticationExpiration` by ``closesConnectionsAtTokenExpiry``.
    public var hub: HubServerConfiguration
    /// Close a connection with `{"type":7,"allowReconnect":true}` when its token's `exp` passes
    /// (as ASP.NET Core's `CloseOnAuthenticationExpiration`). Revoked or fault-expired tokens
    /// close their connections at once either way.
    public var closesConnectionsAtTokenExpiry = true
    /// Events buffered per market-hub connection before the oldest are dropped (the feed then
    /// resends a depth snapshot); nil uses ``MarketFeedConfiguration/subscriberBufferSize``.
    public var marketBufferSize: Int?

    /// The defaults, with room for 16 MiB of unsent messages per connection (bursts of 1 MiB
    /// depth frames under the oversized-depth fault) before a client counts as too slow.
    public init() {
        var hub = HubServerConfiguration()
        hub.maximumQueuedBytes = 16 << 20
        self.hub = hub
    }

    /// The configuration a hub runs with on the simulator's clock.
    func serverConfiguration(clock: @escaping WallClock) -> HubServerConfiguration {
        var configuration = hub
        configuration.now = clock
        configuration.closeOnAuthenticationExpiration = closesConnectionsAtTokenExpiry
        return configuration
    }
}
