/// An error a hub method throws on purpose, like ASP.NET Core's `HubException`: its message reaches
/// the caller. Any other error reaches the caller only as the generic text (unless detailed errors
/// are on).
///
/// The Completion's error is, as ASP.NET Core writes it:
/// `An unexpected error occurred invoking '<method>' on the server. HubException: <message>`.
///
/// ```swift
/// hub.on("PlaceOrder") { call in
///     guard try call.argument(0, as: Int.self) > 0 else { throw HubException("Size must be positive.") }
///     return nil
/// }
/// ```
public struct HubException: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
