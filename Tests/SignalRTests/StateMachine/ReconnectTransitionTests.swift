import Testing

@testable import SignalR
import TestGate

/// Connection loss, the retry policy, server Close, authentication failures.
@Suite("Connection state machine: reconnect and authentication failures", .gated)
struct ReconnectTransitionTests {
    @Test("a lost connection fails pending calls at once and waits the policy's first delay")
    func lossWithPolicy() {
        let policy = RecordingPolicy([.zero, .seconds(2)])
        var machine = makeMachine(policy: policy)
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: "c1")
        let id = machine.transportID!
        let actions = machine.connectionLost(transportID: id, error: .serverTimeout, allowReconnect: true, now: t0)
        #expect(actions.prefix(2) == [.failPendingInvocations(.connectionLost(cause: .serverTimeout)), .closeTransport(id, sendCloseMessage: false)])
        #expect(actions.emitted == [.reconnecting(reason: .serverTimeout)])
        #expect(actions.scheduledDelays == [.zero])
        #expect(policy.contexts == [RetryContext(previousRetryCount: 0, elapsed: .zero, retryReason: .serverTimeout)])
        // The timer starts a full attempt with reason reconnect.
        let attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        #expect(attempt.tokenReason == .reconnect)
        #expect(attempt.isReconnect)
        #expect(attempt.number == 1)
        // Success: connected again with the new id; start() is not completed again.
        let success = machine.connectSucceeded(attemptID: attempt.id, connectionId: "c2")
        #expect(success == [.activateTransport(attempt.id), .emit(.connected(connectionId: "c2"))])
    }

    @Test("without a policy a lost connection disconnects with the error")
    func lossWithoutPolicy() {
        var machine = makeMachine(policy: nil)
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: nil)
        let actions = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        #expect(actions.emitted == [.disconnected(error: lost)])
        #expect(machine.state == .disconnected(error: lost))
    }

    @Test("a policy that gives up at once disconnects without a reconnecting state")
    func policyGivesUpAtOnce() {
        var machine = makeMachine(policy: RecordingPolicy([nil]))
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: nil)
        let actions = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        #expect(actions.emitted == [.disconnected(error: lost)])
    }

    @Test("server Close with allowReconnect reconnects; without it the connection stops with the server's error")
    func serverClose() {
        let allowed = SignalRError.closedByServer(error: "restart", allowReconnect: true)
        var machine = StateName.connected.machine()
        let reconnect = machine.connectionLost(transportID: machine.transportID!, error: allowed, allowReconnect: true, now: t0)
        #expect(reconnect.emitted == [.reconnecting(reason: allowed)])

        let final = SignalRError.closedByServer(error: "go away", allowReconnect: false)
        machine = StateName.connected.machine()
        let stop = machine.connectionLost(transportID: machine.transportID!, error: final, allowReconnect: false, now: t0)
        #expect(stop.contains(.failPendingInvocations(.connectionLost(cause: final))))
        #expect(stop.emitted == [.disconnected(error: final)])
        #expect(stop.scheduledDelays.isEmpty)
    }

    @Test("the default policy waits 0, 2, 10, 30 s, then gives up with the attempts and last error")
    func defaultPolicyExhausted() {
        var machine = StateName.connected.machine()
        var delays = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0).scheduledDelays
        var now = t0
        for _ in 0..<4 {
            let attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
            now += .seconds(1)
            let actions = machine.connectFailed(attemptID: attempt.id, error: unreachable, now: now)
            delays += actions.scheduledDelays
            if machine.isDisconnected {
                #expect(actions.emitted == [.disconnected(error: .reconnectAttemptsExhausted(attempts: 4, lastError: unreachable))])
            } else {
                #expect(actions.emitted == [.reconnecting(reason: unreachable)])
            }
        }
        #expect(delays == [.zero, .seconds(2), .seconds(10), .seconds(30)])
        #expect(machine.state == .disconnected(error: .reconnectAttemptsExhausted(attempts: 4, lastError: unreachable)))
    }

    @Test("the policy sees the failed-attempt count, the elapsed time and the last error")
    func policyContext() {
        let policy = RecordingPolicy([.zero, .seconds(5), .seconds(5)])
        var machine = makeMachine(policy: policy)
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: nil)
        _ = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        let first = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        _ = machine.connectFailed(attemptID: first.id, error: unreachable, now: t0 + .seconds(3))
        let second = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        #expect(second.number == 2)
        _ = machine.connectFailed(attemptID: second.id, error: .handshakeTimeout, now: t0 + .seconds(9))
        #expect(
            policy.contexts == [
                RetryContext(previousRetryCount: 0, elapsed: .zero, retryReason: lost),
                RetryContext(previousRetryCount: 1, elapsed: .seconds(3), retryReason: unreachable),
                RetryContext(previousRetryCount: 2, elapsed: .seconds(9), retryReason: .handshakeTimeout),
            ]
        )
    }

    @Test("a 401 at start retries at once with reason authenticationFailure, then succeeds")
    func startAuthRetrySucceeds() {
        var machine = makeMachine()
        let first = machine.start().connects[0]
        let retry = machine.connectFailed(attemptID: first.id, error: refusedUpgrade, now: t0)
        #expect(retry.emitted == [.connecting(retryingAfter: refusedUpgrade)])
        let attempt = retry.connects[0]
        #expect(attempt.tokenReason == .authenticationFailure(status: 401, phase: .webSocketUpgrade))
        #expect(attempt.number == 2)
        #expect(retry.scheduledDelays.isEmpty)
        let success = machine.connectSucceeded(attemptID: attempt.id, connectionId: "c")
        #expect(success.contains(.completeStart(nil)))
    }

    @Test("a 401 at start is retried at most N times in a row, then start() fails", arguments: [0, 1, 3])
    func startAuthRetryLimit(_ limit: Int) {
        var machine = makeMachine(authLimit: limit)
        var attempt = machine.start().connects[0]
        var connects = 1
        while true {
            let actions = machine.connectFailed(attemptID: attempt.id, error: refused401, now: t0)
            guard let next = actions.connects.first else {
                #expect(actions == [.emit(.disconnected(error: refused401)), .completeStart(refused401)])
                break
            }
            connects += 1
            attempt = next
        }
        #expect(connects == limit + 1)
    }

    @Test("a non-authentication failure breaks the row of authentication failures")
    func authRowBroken() {
        var machine = StateName.connected.machine()
        _ = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        var attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        attempt = machine.connectFailed(attemptID: attempt.id, error: refused401, now: t0).connects[0]
        #expect(attempt.consecutiveAuthenticationFailures == 1)
        _ = machine.connectFailed(attemptID: attempt.id, error: unreachable, now: t0)
        attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        #expect(attempt.tokenReason == .reconnect)
        #expect(attempt.consecutiveAuthenticationFailures == 0)
    }

    @Test("during reconnect, 401s retry at once N times, then fall back to the policy with fresh-token attempts")
    func reconnectAuthFallback() {
        let policy = RecordingPolicy([.zero, .seconds(2), .seconds(10), .seconds(30)])
        var machine = makeMachine(policy: policy, authLimit: 2)
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: nil)
        _ = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        var attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        var immediate = 0
        while true {
            let actions = machine.connectFailed(attemptID: attempt.id, error: refused401, now: t0)
            #expect(actions.emitted == [.reconnecting(reason: refused401)])
            guard let next = actions.connects.first else {
                #expect(actions.scheduledDelays == [.seconds(2)])
                break
            }
            #expect(next.tokenReason == .authenticationFailure(status: 401, phase: .negotiate))
            immediate += 1
            attempt = next
        }
        #expect(immediate == 2)
        // Immediate retries are not counted as policy retries.
        #expect(policy.contexts.map(\.previousRetryCount) == [0, 1])
        // The policy-scheduled attempt after a refusal still asks for a fresh token...
        attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
        #expect(attempt.tokenReason == .authenticationFailure(status: 401, phase: .negotiate))
        #expect(attempt.number == 4)
        // ...and another refusal goes to the policy again, not to another round of immediate retries.
        let again = machine.connectFailed(attemptID: attempt.id, error: refused401, now: t0)
        #expect(again.connects.isEmpty)
        #expect(again.scheduledDelays == [.seconds(10)])
    }

    @Test("after a successful reconnect, the next loss starts a fresh reconnect sequence")
    func freshSequence() {
        let policy = RecordingPolicy([.zero, .zero])
        var machine = makeMachine(policy: policy)
        _ = machine.start()
        _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: nil)
        for round in 0..<3 {
            _ = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
            let attempt = machine.retryTimerFired(timerID: machine.timerID!).connects[0]
            #expect(attempt.number == 1, "round \(round)")
            _ = machine.connectSucceeded(attemptID: attempt.id, connectionId: "c\(round)")
        }
        #expect(policy.contexts.allSatisfy { $0.previousRetryCount == 0 })
    }
}
