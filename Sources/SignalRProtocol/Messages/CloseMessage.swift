/// The peer is closing the connection (type 7), optionally with an error and permission to
/// reconnect.
public struct CloseMessage: Sendable, Hashable {
    public var error: String?
    /// Written only when true, as the reference requires.
    public var allowReconnect: Bool

    public init(error: String? = nil, allowReconnect: Bool = false) {
        self.error = error
        self.allowReconnect = allowReconnect
    }
}
