/// One item of a stream (type 2). `item` may be the JSON `null`.
public struct StreamItemMessage: Sendable, Hashable {
    public var invocationId: String
    public var item: RawJSON
    public var headers: [String: String]

    public init(invocationId: String, item: RawJSON, headers: [String: String] = [:]) {
        self.invocationId = invocationId
        self.item = item
        self.headers = headers
    }
}
