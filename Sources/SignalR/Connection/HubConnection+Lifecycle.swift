import Logging
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnection {
    typealias Action = ConnectionStateMachine.Action

    /// Feeds one event to the state machine and performs the actions it returns. `prepare` runs
    /// under the same lock before the event (to register a waiter); `transport` is the session a
    /// connect attempt produced, for ``ConnectionStateMachine/Action/activateTransport(_:)``.
    /// Returns the actions, for callers that need to know what happened.
    @discardableResult
    func process(
        transport: TransportSession? = nil,
        _ event: (inout ConnectionStateMachine, ContinuousClock.Instant) -> [Action],
        prepare: (inout ConnectionCore) -> Void = { _ in }
    ) -> [Action] {
        let now = ContinuousClock.now
        let (actions, effects) = core.withLockedValue { core -> ([Action], [@Sendable () -> Void]) in
            prepare(&core)
            let actions = event(&core.machine, now)
            var effects: [@Sendable () -> Void] = []
            for action in actions {
                perform(action, core: &core, transport: transport, effects: &effects)
            }
            return (actions, effects)
        }
        for effect in effects { effect() }
        return actions
    }

    /// Performs one action under the lock; work that must not run under it goes to `effects`.
    private func perform(
        _ action: Action,
        core: inout ConnectionCore,
        transport: TransportSession?,
        effects: inout [@Sendable () -> Void]
    ) {
        switch action {
        case .connect(let attempt):
            logger.debug("Connect attempt \(attempt.number) (reason: \(attempt.tokenReason))")
            core.attempts[attempt.id] = Task { await self.runAttempt(attempt) }
        case .cancelConnect(let attemptID):
            if let task = core.attempts.removeValue(forKey: attemptID) {
                effects.append { task.cancel() }
            }
        case .activateTransport(let id):
            core.attempts[id] = nil
            core.session = transport
        case .discardTransport:
            if let transport {
                effects.append { transport.abort() }
            }
        case .closeTransport(let id, let sendCloseMessage):
            if let session = core.session, session.id == id {
                core.session = nil
                let timeout = options.closeTimeout
                if sendCloseMessage {
                    session.markEnding(.connectionClosed(code: 1000, reason: "stopped"), allowReconnect: false)
                }
                effects.append { Task { await session.close(sendCloseMessage: sendCloseMessage, timeout: timeout) } }
            }
        case .failPendingInvocations(let error):
            let entries = core.invocations.removeAll()
            if !entries.isEmpty {
                logger.debug("Failing \(entries.count) pending invocation(s): \(error)")
                effects.append { InvocationTable.fail(entries, with: error) }
            }
        case .scheduleRetry(let timerID, let delay):
            logger.info("Reconnecting in \(delay)")
            core.retryTimers[timerID] = Task {
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    return
                }
                _ = self.core.withLockedValue { $0.retryTimers.removeValue(forKey: timerID) }
                self.process { machine, _ in machine.retryTimerFired(timerID: timerID) }
            }
        case .cancelRetry(let timerID):
            if let task = core.retryTimers.removeValue(forKey: timerID) {
                effects.append { task.cancel() }
            }
        case .emit(let state):
            log(state)
            core.publish(state)
        case .completeStart(let error):
            let waiters = core.startWaiters
            core.startWaiters = []
            effects.append {
                for waiter in waiters {
                    if let error { waiter.resume(throwing: error) } else { waiter.resume() }
                }
            }
        case .completeStop:
            let waiters = core.stopWaiters
            core.stopWaiters = []
            effects.append { for waiter in waiters { waiter.resume() } }
        case .rejectStart(let error):
            logger.error("\(error)")
            if let waiter = core.startWaiters.popLast() {
                effects.append { waiter.resume(throwing: error) }
            }
        }
    }

    private func log(_ state: HubConnectionState) {
        switch state {
        case .connecting(let retryingAfter):
            if let retryingAfter {
                logger.warning("Connect attempt failed, retrying at once with a fresh token: \(retryingAfter)")
            }
        case .connected(let id):
            logger.info("Connected", metadata: ["signalr.connectionId": "\(id ?? "-")"])
        case .reconnecting(let reason):
            logger.warning("Reconnecting: \(reason)")
        case .disconnected(let error):
            if let error {
                logger.error("Disconnected: \(error)")
            } else {
                logger.info("Disconnected")
            }
        }
    }
}
