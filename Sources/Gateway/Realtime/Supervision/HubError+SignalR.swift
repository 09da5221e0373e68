import SignalR

extension HubError {
    /// The hub error for a failure of the SignalR layer: the one place where its errors are
    /// translated, so that nothing public in `Gateway` carries a `SignalRError`.
    init(_ error: SignalRError) {
        let message = error.description
        switch error {
        case .authenticationFailed(let status, let phase):
            self.init(code: .authenticationFailed, message: message, httpStatus: status, phase: phase.description)
        case .httpStatus(let status, let phase, _):
            self.init(code: .httpStatus, message: message, httpStatus: status, phase: phase.description)
        case .transportFailed(let phase, _), .connectTimeout(let phase):
            self.init(code: .connectFailed, message: message, phase: phase.description)
        case .handshakeTimeout, .closedDuringHandshake:
            self.init(code: .connectFailed, message: message, phase: ConnectPhase.handshake.description)
        case .negotiateFailed, .handshakeRejected, .protocolViolation, .decodingFailed, .encodingFailed:
            self.init(code: .protocolViolation, message: message)
        case .serverTimeout, .closedByServer, .connectionClosed, .connectionLost, .notConnected:
            self.init(code: .connectionLost, message: message)
        case .invocationFailed(let method, let text):
            self.init(code: .refused, message: text, method: method)
        case .invocationTimedOut(let method, _):
            self.init(code: .timedOut, message: message, method: method)
        case .invalidState, .stoppedDuringStart:
            self.init(code: .stopped, message: message)
        case .accessTokenProviderFailed(let detail):
            self.init(code: .tokenUnavailable, message: detail)
        case .invalidURL:
            self.init(code: .invalidURL, message: message)
        case .reconnectAttemptsExhausted(_, let last):
            self.init(last)
        }
    }

    /// The hub error for any failure of a hub call or connect attempt.
    init(any error: any Error) {
        if let error = error as? SignalRError {
            self.init(error)
        } else if let error = error as? HubError {
            self = error
        } else if error is CancellationError {
            self.init(code: .stopped, message: "The operation was cancelled.")
        } else {
            self.init(code: .protocolViolation, message: "\(error)")
        }
    }
}
