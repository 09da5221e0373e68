import Hummingbird
import HummingbirdCore
import NIOHTTP1

extension HubAuthenticationRequest {
    /// The upgrade request as NIO parsed it.
    init(upgrade head: HTTPRequestHead) {
        let uri = URI(head.uri)
        self.init(
            phase: .upgrade,
            method: head.method.rawValue,
            path: uri.path,
            query: Self.firstValues(uri.queryParameters),
            headers: HubRequestHeaders(head.headers.map { (name: $0.name, value: $0.value) })
        )
    }

    /// The negotiate request as Hummingbird parsed it.
    init(negotiate request: Request) {
        self.init(
            phase: .negotiate,
            method: request.method.rawValue,
            path: request.uri.path,
            query: Self.firstValues(request.uri.queryParameters),
            headers: HubRequestHeaders(request.headers.map { (name: $0.name.canonicalName, value: $0.value) })
        )
    }

    private static func firstValues(_ parameters: FlatDictionary<Substring, Substring>) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in parameters where query[String(key)] == nil {
            query[String(key)] = String(value)
        }
        return query
    }
}
