/// A user name and API key for `Auth/loginKey`. The key never appears in descriptions or logs.
public struct Credentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The platform login user name (not an e-mail or account name).
    public var userName: String
    public var apiKey: String

    public init(userName: String, apiKey: String) {
        self.userName = userName
        self.apiKey = apiKey
    }

    public var description: String { "Credentials(userName: \(userName), apiKey: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["userName": userName, "apiKey": "<redacted>"]) }
}
