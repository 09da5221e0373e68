/// A call of a streaming hub method (type 4); the callee answers with StreamItems and a Completion.
public struct StreamInvocationMessage: Sendable, Hashable {
    public var invocationId: String
    public var target: String
    public var arguments: [RawJSON]
    public var streamIds: [String]
    public var headers: [String: String]

    public init(
        invocationId: String,
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
