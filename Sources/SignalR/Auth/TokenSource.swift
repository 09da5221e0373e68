/// Where an attempt's tokens come from: the user's provider, or a redirect's fixed token.
struct TokenSource {
    private let provider: AccessTokenProvider?
    private let attempt: ConnectionStateMachine.Attempt
    private var fixed: String??
    private var isFirstRequest = true

    init(provider: AccessTokenProvider?, attempt: ConnectionStateMachine.Attempt) {
        self.provider = provider
        self.attempt = attempt
    }

    mutating func replace(with token: String) {
        fixed = .some(token)
    }

    /// The token for the next request. Only the attempt's first request carries an
    /// authentication-failure reason, so that the provider refreshes once per refusal.
    mutating func next(phase: ConnectPhase) async throws(SignalRError) -> String? {
        if case .some(let token) = fixed { return token }
        guard let provider else { return nil }
        let reason: AccessTokenRequest.Reason =
            isFirstRequest ? attempt.tokenReason : (attempt.isReconnect ? .reconnect : .initialConnect)
        isFirstRequest = false
        let request = AccessTokenRequest(reason: reason, phase: phase, attempt: attempt.number)
        do {
            return try await provider(request)
        } catch is CancellationError {
            throw .stoppedDuringStart
        } catch {
            throw .accessTokenProviderFailed(Redaction.text(String(describing: error)))
        }
    }
}
