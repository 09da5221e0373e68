import SignalRServer
import Synchronization

/// Collects what the authentication hook saw.
final class RecordedRequests: Sendable {
    private let storage = Mutex([HubAuthenticationRequest]())

    func append(_ request: HubAuthenticationRequest) {
        storage.withLock { $0.append(request) }
    }

    var requests: [HubAuthenticationRequest] { storage.withLock { $0 } }
}
