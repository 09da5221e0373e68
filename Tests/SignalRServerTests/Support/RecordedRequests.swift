import SignalRServer
import NIOConcurrencyHelpers

/// Collects what the authentication hook saw.
final class RecordedRequests: Sendable {
    private let storage = NIOLockedValueBox([HubAuthenticationRequest]())

    func append(_ request: HubAuthenticationRequest) {
        storage.withLockedValue { $0.append(request) }
    }

    var requests: [HubAuthenticationRequest] { storage.withLockedValue { $0 } }
}
