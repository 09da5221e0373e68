/// One SignalR hub protocol message (types 1-9 of the JSON hub protocol).
///
/// ```swift
/// let bytes = JSONHubProtocol.encode(.invocation(.init(target: "SubscribeContractQuotes",
///                                                      arguments: [try RawJSON(encoding: "CON.F.US.EP.U25")])))
/// ```
public enum HubMessage: Sendable, Hashable {
    case invocation(InvocationMessage)
    case streamItem(StreamItemMessage)
    case completion(CompletionMessage)
    case streamInvocation(StreamInvocationMessage)
    case cancelInvocation(CancelInvocationMessage)
    case ping
    case close(CloseMessage)
    /// Stateful reconnect: everything up to `sequenceId` was processed.
    case ack(sequenceId: Int64)
    /// Stateful reconnect: the next trackable message the sender will send.
    case sequence(sequenceId: Int64)

    /// The message's `type` number on the wire.
    public var typeCode: Int {
        switch self {
        case .invocation: 1
        case .streamItem: 2
        case .completion: 3
        case .streamInvocation: 4
        case .cancelInvocation: 5
        case .ping: 6
        case .close: 7
        case .ack: 8
        case .sequence: 9
        }
    }
}
