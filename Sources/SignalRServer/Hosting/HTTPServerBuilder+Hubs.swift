import HummingbirdCore

extension HTTPServerBuilder {
    /// An HTTP/1.1 server that also serves the WebSocket upgrades of the hubs in `upgrades`; every
    /// other request goes to the application's router as with `.http1()`.
    ///
    /// `connections`, when given, tracks every accepted connection so that the server's owner can
    /// close what is left when it stops (see ``ServerConnections``).
    ///
    /// ```swift
    /// let app = Application(router: router, server: .http1WithHubs(upgrades))
    /// ```
    public static func http1WithHubs(
        _ upgrades: HubUpgradeRouter,
        configuration: HTTP1Channel.Configuration = .init(),
        connections: ServerConnections? = nil
    ) -> HTTPServerBuilder {
        .init { responder in
            HubHTTPChannel(responder: responder, upgrades: upgrades, configuration: configuration, connections: connections)
        }
    }
}
