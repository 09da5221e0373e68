/// The end of an invocation (type 3): a result, an error, or neither (a void method or the end of a
/// stream).
public struct CompletionMessage: Sendable, Hashable {
    /// How an invocation ended.
    public enum Outcome: Sendable, Hashable {
        /// No `result` and no `error`: a void method, or the end of a stream.
        case void
        /// The method's return value.
        case result(RawJSON)
        /// The callee's error text.
        case error(String)
    }

    public var invocationId: String
    public var outcome: Outcome
    public var headers: [String: String]

    public init(invocationId: String, outcome: Outcome, headers: [String: String] = [:]) {
        self.invocationId = invocationId
        self.outcome = outcome
        self.headers = headers
    }
}
