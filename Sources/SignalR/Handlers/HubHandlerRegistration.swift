/// Identifies one handler added with `on` or `onRaw`; pass it to ``HubConnection/off(_:)-(HubHandlerRegistration)`` to
/// remove just that handler.
///
/// ```swift
/// let registration = connection.on("GatewayQuote") { (id: String, quote: Quote) in ... }
/// connection.off(registration)
/// ```
public struct HubHandlerRegistration: Sendable, Hashable {
    /// The method name the handler was registered for.
    public let method: String
    let id: UInt64
}
