import SignalRProtocol

/// Sends the items of a server-to-client stream (StreamItem messages) for one StreamInvocation.
///
/// `yield` throws `CancellationError` once the client cancelled the stream (CancelInvocation) or
/// the connection closed; the hub then ends the stream with a Completion.
///
/// ```swift
/// hub.onStream("Counter") { call, stream in
///     for value in 0..<(try call.argument(0, as: Int.self)) {
///         try stream.yield(RawJSON(encoding: value))
///         try await Task.sleep(for: .milliseconds(10))
///     }
/// }
/// ```
public struct HubStreamWriter: Sendable {
    let connection: HubConnectionContext
    /// The StreamInvocation's id, which every item carries.
    public let invocationId: String

    /// Sends one item.
    public func yield(_ item: RawJSON) throws {
        try Task.checkCancellation()
        connection.outbound.send(EncodedHubMessage(.streamItem(StreamItemMessage(invocationId: invocationId, item: item))))
    }

    /// Encodes `value` with `JSONEncoder` and sends it as one item.
    public func yield(encoding value: some Encodable) throws {
        try yield(RawJSON(encoding: value))
    }
}
