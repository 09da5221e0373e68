/// A call of a hub method (type 1). Without an `invocationId` it is fire-and-forget (an event when
/// the server sends it) and must not be answered.
public struct InvocationMessage: Sendable, Hashable {
    public var invocationId: String?
    public var target: String
    public var arguments: [RawJSON]
    public var streamIds: [String]
    public var headers: [String: String]

    public init(
        invocationId: String? = nil,
        target: String,
        arguments: [RawJSON],
        streamIds: [String] = [],
        headers: [String: String] = [:]
    ) {
        self.invocationId = invocationId
        self.target = target
        self.arguments = arguments
        self.streamIds = streamIds
        self.headers = headers
    }
}
