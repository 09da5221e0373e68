import Foundation

/// A hub URL taken apart, from which the negotiate URL and the WebSocket request are built
/// afresh for every request (a token is never kept in a URL built once).
///
/// `http`/`ws` and `https`/`wss` are interchangeable: negotiate always uses `http(s)` and the
/// transport `ws(s)`. The URL's query string is kept on every request.
struct HubEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Whether TLS is used (`https` or `wss`).
    let isSecure: Bool
    let host: String
    let port: Int
    /// The percent-encoded path, without a trailing slash ("" for the root).
    let path: String
    /// The percent-encoded query, without `?`; `nil` when the URL has none.
    let query: String?

    init(_ url: URL) throws(SignalRError) {
        try self.init(string: url.absoluteString)
    }

    init(string: String) throws(SignalRError) {
        guard let components = URLComponents(string: string) else {
            throw .invalidURL("'\(Redaction.url(string))' is not a URL.")
        }
        switch components.scheme?.lowercased() {
        case "http", "ws": isSecure = false
        case "https", "wss": isSecure = true
        default:
            throw .invalidURL("'\(Redaction.url(string))' must use http, https, ws or wss.")
        }
        guard let host = components.host, !host.isEmpty else {
            throw .invalidURL("'\(Redaction.url(string))' has no host.")
        }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? (isSecure ? 443 : 80)
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
        self.query = components.percentEncodedQuery.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The value of the `Host` header.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        let isDefaultPort = port == (isSecure ? 443 : 80)
        return isDefaultPort ? name : "\(name):\(port)"
    }

    /// `http(s)://host[:port]`.
    var httpOrigin: String { (isSecure ? "https://" : "http://") + hostHeader }

    /// `POST` target of negotiate: `{path}/negotiate?{query}&negotiateVersion=1[&access_token=...]`.
    func negotiateURL(accessToken: String?) -> String {
        var query = self.query
        if !Self.hasParameter("negotiateVersion", in: query) {
            query = Self.appending(name: "negotiateVersion", value: "1", to: query)
        }
        if let accessToken {
            query = Self.appending(name: "access_token", value: accessToken, to: query)
        }
        return httpOrigin + path + "/negotiate" + (query.map { "?" + $0 } ?? "")
    }

    /// The request target (path and query) of the WebSocket upgrade.
    func webSocketRequestTarget(connectionToken: String?, accessToken: String?) -> String {
        var query = self.query
        if let connectionToken {
            query = Self.appending(name: "id", value: connectionToken, to: query)
        }
        if let accessToken {
            query = Self.appending(name: "access_token", value: accessToken, to: query)
        }
        return (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? "")
    }

    /// `ws(s)://host[:port]{target}`, for logs (pass it through ``Redaction``).
    func webSocketURL(target: String) -> String {
        (isSecure ? "wss://" : "ws://") + hostHeader + target
    }

    /// The URL with secrets redacted.
    var description: String {
        Redaction.url(httpOrigin + (path.isEmpty ? "/" : path) + (query.map { "?" + $0 } ?? ""))
    }

    static func hasParameter(_ name: String, in query: String?) -> Bool {
        guard let query else { return false }
        return query.split(separator: "&").contains { $0 == name || $0.hasPrefix(name + "=") }
    }

    static func appending(name: String, value: String, to query: String?) -> String {
        let pair = percentEncode(name) + "=" + percentEncode(value)
        guard let query, !query.isEmpty else { return pair }
        return query + "&" + pair
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }
}
