/// A connection admitted at the WebSocket upgrade, before its socket runs.
struct ConnectionSeed: Sendable {
    /// The public id (`Context.ConnectionId`).
    let connectionId: String
    /// The key the registry guards against a second socket: the connection token (negotiate v1),
    /// the connection id (v0), or a fresh token when negotiation was skipped.
    let transportId: String
    let principal: HubPrincipal
}
