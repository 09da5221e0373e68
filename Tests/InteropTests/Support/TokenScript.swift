import SignalR
import NIOConcurrencyHelpers

/// A token provider for tests: returns tokens from a script, one per request (the last one
/// repeats), and records every request it was asked.
final class TokenScript: Sendable {
    private let state: NIOLockedValueBox<(tokens: [String?], requests: [AccessTokenRequest])>

    init(_ tokens: [String?]) {
        state = NIOLockedValueBox((tokens, []))
    }

    var requests: [AccessTokenRequest] { state.withLockedValue { $0.requests } }

    var provider: AccessTokenProvider {
        { request in
            self.state.withLockedValue { state in
                state.requests.append(request)
                return state.tokens.count > 1 ? state.tokens.removeFirst() : state.tokens.first ?? nil
            }
        }
    }

    /// A provider that returns `bad` until asked with an authentication-failure reason, then `good`.
    static func refreshing(bad: String, good: String) -> (TokenScript, AccessTokenProvider) {
        let script = TokenScript([bad])
        let provider: AccessTokenProvider = { request in
            script.state.withLockedValue { state in
                state.requests.append(request)
                if request.reason.isAuthenticationFailure { state.tokens = [good] }
                return state.tokens.first ?? nil
            }
        }
        return (script, provider)
    }
}
