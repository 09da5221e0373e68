/// Asks the callee to stop a stream (type 5).
public struct CancelInvocationMessage: Sendable, Hashable {
    public var invocationId: String
    public var headers: [String: String]

    public init(invocationId: String, headers: [String: String] = [:]) {
        self.invocationId = invocationId
        self.headers = headers
    }
}
