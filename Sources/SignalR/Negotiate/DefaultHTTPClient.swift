import AsyncHTTPClient
import NIOPosix

/// The `HTTPClient` connections use for negotiate unless one is injected.
///
/// Unlike `HTTPClient.shared` it fails a request at once when the server cannot be reached
/// (instead of retrying the connection until the request's deadline), so that an unreachable
/// hub surfaces as a failed attempt within seconds. Like `HTTPClient.shared` it lives for the
/// whole process and is never shut down (a global is never deinitialized, so the client's
/// shutdown check never runs).
enum DefaultHTTPClient {
    static let shared: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout.connect = .seconds(15)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}
