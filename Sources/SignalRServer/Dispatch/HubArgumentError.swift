/// The arguments of an invocation do not fit the method: wrong count or wrong type. Answered like
/// ASP.NET Core's binding failure: `Failed to invoke '<method>' due to an error on the server.`
///
/// ``HubCall/argument(_:as:)`` throws it; throw it yourself for checks of your own:
///
/// ```swift
/// guard (1...5).contains(level) else { throw HubArgumentError("Level must be 1 to 5.") }
/// ```
public struct HubArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
