/// A violation of the SignalR hub protocol: malformed JSON, a missing required field, a field of the
/// wrong type, or a message that the protocol forbids (such as a Completion with both `result` and
/// `error`).
///
/// The message says what was wrong; the connection that received it should be closed, since the
/// peer does not speak the protocol.
public struct HubProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, in a sentence.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "SignalR protocol error: \(message)" }
}
