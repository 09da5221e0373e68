import SignalR
import NIOConcurrencyHelpers

/// A token provider returning `bad` until it is asked after an authentication failure.
final class RefreshingTokens: Sendable {
    private let state = NIOLockedValueBox<(refreshed: Bool, requests: [AccessTokenRequest])>((false, []))
    let bad: String
    let good: String

    init(bad: String = "bad-expired", good: String = "good-fresh") {
        self.bad = bad
        self.good = good
    }

    var requests: [AccessTokenRequest] { state.withLockedValue { $0.requests } }

    var provider: AccessTokenProvider {
        { request in
            self.state.withLockedValue { state in
                state.requests.append(request)
                if request.reason.isAuthenticationFailure { state.refreshed = true }
                return state.refreshed ? self.good : self.bad
            }
        }
    }
}
