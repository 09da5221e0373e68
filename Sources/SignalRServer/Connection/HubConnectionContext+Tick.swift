import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnectionContext {
    /// What one tick decided.
    enum TickDecision: Equatable {
        case none
        case sendPing
        case clientTimedOut
        case handshakeTimedOut
        case closeTimedOut
        case stop
    }

    /// Ticks every `tickInterval` until the connection ends or the task is cancelled.
    func tickLoop() async {
        let interval = hub.configuration.tickInterval
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            if !tick(now: .now) { return }
        }
    }

    /// One tick: keep-alive Ping, client timeout, handshake and close timeouts, token expiry.
    /// Returns `false` once the connection is closed.
    func tick(now: ContinuousClock.Instant) -> Bool {
        let configuration = hub.configuration
        let sent = outbound.takeSentFlag()
        let outboundOpen = outbound.phase == .open
        var overflowed = false
        let decision = state.withLockedValue { state -> TickDecision in
            if !outboundOpen, state.lifecycle.beginClosing(now: now) {
                // The send side closed by itself (slow consumer): follow it.
                state.closeError = HubConnectionError.slowConsumer
                overflowed = true
            }
            switch state.lifecycle.overdue(now: now, handshakeTimeout: configuration.handshakeTimeout, closeTimeout: configuration.closeTimeout) {
            case .handshake: return .handshakeTimedOut
            case .close: return .closeTimedOut
            case .none: break
            }
            switch state.lifecycle.state {
            case .closed: return .stop
            case .handshaking, .closing: return .none
            case .connected: break
            }
            let received = state.receivedSinceTick
            state.receivedSinceTick = false
            switch state.keepAlive.tick(now: now, sent: sent, received: received, busy: state.invocationInProgress) {
            case .none: return .none
            case .sendPing: return .sendPing
            case .clientTimedOut: return .clientTimedOut
            }
        }
        if overflowed {
            logger.warning("Closed a slow consumer: more than the queue limit waited to be sent")
        }
        switch decision {
        case .none:
            break
        case .sendPing:
            outbound.send(.ping)
        case .clientTimedOut:
            closeWithError(.clientTimeout)
        case .handshakeTimedOut:
            failHandshake(HandshakeValidator.canceled)
        case .closeTimedOut:
            logger.debug("The client did not complete the close in time; dropping the socket")
            state.withLockedValue { $0.lifecycle.closed() }
            outbound.abort()
        case .stop:
            return false
        }
        if decision == .none || decision == .sendPing {
            checkAuthenticationExpiry()
        }
        return true
    }

    /// Closes the connection with `{"type":7,"allowReconnect":true}` once its token expired, like
    /// `CloseOnAuthenticationExpiration`.
    private func checkAuthenticationExpiry() {
        let configuration = hub.configuration
        guard configuration.closeOnAuthenticationExpiration, let expiry = principal.expiresAt else { return }
        guard state.withLockedValue({ $0.lifecycle.isConnected }), configuration.now() >= expiry else { return }
        close(with: CloseMessage(allowReconnect: true), reason: HubConnectionError.authenticationExpired)
    }
}
