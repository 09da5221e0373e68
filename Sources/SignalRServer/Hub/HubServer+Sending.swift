import SignalRProtocol

/// Sending from the server.
///
/// Every send returns at once, from any task or thread: the message is queued on each recipient
/// and written by the recipient's event loop, in the order of the sends, with one event-loop hop
/// and one flush per burst. Group and broadcast sends encode the message once and share its bytes.
///
/// ```swift
/// hub.send("GatewayQuote", [contract, quote], toGroup: "quotes:" + contract.text)
/// hub.sendToAll("GatewayLogout", [])
/// hub.send("GatewayUserOrder", [order], toConnection: connectionId)
/// ```
extension HubServer {
    /// Sends an event to one connection. Returns `false` when no such live connection exists or it
    /// did not accept the message (silent, closing).
    @discardableResult
    public func send(_ target: String, _ arguments: [RawJSON], toConnection connectionId: String) -> Bool {
        guard let connection = registry.connection(id: connectionId) else { return false }
        return connection.send(.invocation(target, arguments))
    }

    /// Sends an event to every connection in `group`, encoding it once. Returns the number of
    /// connections that accepted it.
    @discardableResult
    public func send(_ target: String, _ arguments: [RawJSON], toGroup group: String) -> Int {
        let members = registry.members(of: group)
        guard !members.isEmpty else { return 0 }
        return deliver(.invocation(target, arguments), to: members)
    }

    /// Sends an event to every live connection, encoding it once. Returns the number of connections
    /// that accepted it.
    @discardableResult
    public func sendToAll(_ target: String, _ arguments: [RawJSON]) -> Int {
        let everyone = registry.all()
        guard !everyone.isEmpty else { return 0 }
        return deliver(.invocation(target, arguments), to: everyone)
    }

    /// Sends a pre-encoded message to one connection.
    @discardableResult
    public func send(_ message: EncodedHubMessage, toConnection connectionId: String) -> Bool {
        registry.connection(id: connectionId)?.send(message) ?? false
    }

    /// Sends a pre-encoded message to every connection in `group`.
    @discardableResult
    public func send(_ message: EncodedHubMessage, toGroup group: String) -> Int {
        deliver(message, to: registry.members(of: group))
    }

    /// Sends a pre-encoded message to every live connection.
    @discardableResult
    public func sendToAll(_ message: EncodedHubMessage) -> Int {
        deliver(message, to: registry.all())
    }

    /// Adds a live connection to a group. Returns `false` when the connection is not live.
    @discardableResult
    public func addToGroup(_ connectionId: String, group: String) -> Bool {
        registry.addToGroup(connectionId: connectionId, group: group)
    }

    /// Removes a connection from a group. Returns whether it was a member.
    @discardableResult
    public func removeFromGroup(_ connectionId: String, group: String) -> Bool {
        registry.removeFromGroup(connectionId: connectionId, group: group)
    }

    private func deliver(_ message: EncodedHubMessage, to connections: [String: HubConnectionContext]) -> Int {
        var accepted = 0
        for connection in connections.values where connection.outbound.send(message) {
            accepted += 1
        }
        return accepted
    }
}
