import HummingbirdCore

extension HTTPServerBuilder {
    /// An HTTP/1.1 server that also serves the WebSocket upgrades of the hubs in `upgrades`; every
    /// other request goes to the application's router as with `.http1()`.
    ///
    /// ```swift
    /// let app = Application(router: router, server: .http1WithHubs(upgrades))
    /// ```
    public static func http1WithHubs(
        _ upgrades: HubUpgradeRouter,
        configuration: HTTP1Channel.Configuration = .init()
    ) -> HTTPServerBuilder {
        .init { responder in
            HubHTTPChannel(responder: responder, upgrades: upgrades, configuration: configuration)
        }
    }
}
