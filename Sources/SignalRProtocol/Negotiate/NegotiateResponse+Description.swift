/// A redirect's access token is a credential: descriptions show whether there is one, never its value.
extension NegotiateResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        switch self {
        case .connection(let connection): "connection(\(connection))"
        case .redirect(let url, let accessToken): "redirect(url: \(url), accessToken: \(accessToken == nil ? "nil" : "<redacted>"))"
        case .error(let message): "error(\(message))"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
