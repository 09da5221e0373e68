import SignalRProtocol

/// One invocation of a hub method: the calling connection and the raw arguments, with helpers to
/// decode them.
///
/// ```swift
/// hub.on("Add") { call in
///     let a = try call.argument(0, as: Int.self)
///     let b = try call.argument(1, as: Int.self)
///     return try RawJSON(encoding: a + b)
/// }
/// ```
public struct HubCall: Sendable {
    /// The calling connection: its id, principal, groups; send to it from here.
    public let connection: HubConnectionContext
    /// The method name as the client sent it.
    public let target: String
    /// `nil` for a fire-and-forget invocation (no Completion is sent).
    public let invocationId: String?
    /// The arguments, exactly as received.
    public let arguments: [RawJSON]

    public init(connection: HubConnectionContext, target: String, invocationId: String?, arguments: [RawJSON]) {
        self.connection = connection
        self.target = target
        self.invocationId = invocationId
        self.arguments = arguments
    }

    /// Decodes argument `index` as `T`.
    ///
    /// - Throws: ``HubArgumentError`` when the argument is missing or does not decode; the caller
    ///   gets `Failed to invoke '<method>' due to an error on the server.`
    public func argument<T: Decodable>(_ index: Int, as type: T.Type = T.self) throws(HubArgumentError) -> T {
        guard arguments.indices.contains(index) else {
            throw HubArgumentError("'\(target)' expects an argument at position \(index) but got \(arguments.count) arguments.")
        }
        do {
            return try arguments[index].decode(T.self)
        } catch {
            throw HubArgumentError("Argument \(index) of '\(target)' is not a \(T.self).")
        }
    }

    /// Checks that exactly `count` arguments were sent.
    public func expectArgumentCount(_ count: Int) throws(HubArgumentError) {
        guard arguments.count == count else {
            throw HubArgumentError("'\(target)' expects \(count) arguments but got \(arguments.count).")
        }
    }
}
