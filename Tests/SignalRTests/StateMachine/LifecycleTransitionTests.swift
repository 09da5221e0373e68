import Testing

@testable import SignalR
import TestGate

/// Start, success, failure and stop in every state.
@Suite("Connection state machine: start and stop", .gated)
struct LifecycleTransitionTests {
    @Test("start from disconnected emits connecting and connects with reason initialConnect")
    func startFromIdle() {
        var machine = makeMachine()
        let actions = machine.start()
        #expect(actions.emitted == [.connecting(retryingAfter: nil)])
        let attempt = try! #require(actions.connects.first)
        #expect(attempt.number == 1)
        #expect(attempt.tokenReason == .initialConnect)
        #expect(attempt.isReconnect == false)
        #expect(machine.state == .starting(attempt))
    }

    @Test("start is rejected in every state but disconnected", arguments: StateName.allCases)
    func startElsewhere(_ name: StateName) {
        var machine = name.machine()
        let before = machine.state
        let actions = machine.start()
        if name == .idle || name == .failed {
            #expect(actions.connects.count == 1)
        } else {
            #expect(actions == [.rejectStart(.invalidState("Cannot start a HubConnection that is not in the 'Disconnected' state."))])
            #expect(machine.state == before)
        }
    }

    @Test("a successful start activates the transport, emits connected and completes start()")
    func startSucceeds() {
        var machine = makeMachine()
        let id = machine.start().connects[0].id
        let actions = machine.connectSucceeded(attemptID: id, connectionId: "abc")
        #expect(actions == [.activateTransport(id), .emit(.connected(connectionId: "abc")), .completeStart(nil)])
        #expect(machine.state == .connected(transportID: id, connectionId: "abc"))
    }

    @Test("a failed initial start fails start() and is not retried by the policy")
    func startFails() {
        let policy = RecordingPolicy([.zero, .zero])
        var machine = makeMachine(policy: policy)
        let id = machine.start().connects[0].id
        let actions = machine.connectFailed(attemptID: id, error: unreachable, now: t0)
        #expect(actions == [.emit(.disconnected(error: unreachable)), .completeStart(unreachable)])
        #expect(policy.contexts.isEmpty)
        #expect(machine.state == .disconnected(error: unreachable))
    }

    @Test("stop while disconnected completes at once")
    func stopIdle() {
        var machine = makeMachine()
        #expect(machine.stop() == [.completeStop])
        #expect(StateName.failed.machine().isDisconnected)
        var failed = StateName.failed.machine()
        #expect(failed.stop() == [.completeStop])
    }

    @Test("stop while starting cancels the attempt and fails start()")
    func stopStarting() {
        var machine = StateName.starting.machine()
        let id = machine.attemptID!
        let actions = machine.stop()
        #expect(
            actions == [
                .cancelConnect(attemptID: id), .emit(.disconnected(error: nil)), .completeStart(.stoppedDuringStart), .completeStop,
            ]
        )
        #expect(machine.state == .disconnected(error: nil))
        // The abandoned attempt's late success is discarded, its late failure ignored.
        #expect(machine.connectSucceeded(attemptID: id, connectionId: "late") == [.discardTransport])
        #expect(machine.connectFailed(attemptID: id, error: unreachable, now: t0) == [])
        #expect(machine.state == .disconnected(error: nil))
    }

    @Test("stop while connected fails pending calls, sends Close, and completes when the transport ends")
    func stopConnected() {
        var machine = StateName.connected.machine()
        let id = machine.transportID!
        let actions = machine.stop()
        #expect(actions == [.failPendingInvocations(.connectionLost(cause: nil)), .closeTransport(id, sendCloseMessage: true)])
        #expect(machine.state == .stopping(transportID: id))
        #expect(machine.stop() == [])
        #expect(machine.start().first == .rejectStart(.invalidState("Cannot start a HubConnection that is not in the 'Disconnected' state.")))
        let ended = machine.connectionLost(transportID: id, error: lost, allowReconnect: true, now: t0)
        #expect(ended == [.emit(.disconnected(error: nil)), .completeStop])
        #expect(machine.state == .disconnected(error: nil))
    }

    @Test("stop during the reconnect delay cancels the timer")
    func stopWaiting() {
        var machine = StateName.waitingToReconnect.machine()
        let timer = machine.timerID!
        #expect(machine.stop() == [.cancelRetry(timerID: timer), .emit(.disconnected(error: nil)), .completeStop])
        #expect(machine.retryTimerFired(timerID: timer) == [])
        #expect(machine.state == .disconnected(error: nil))
    }

    @Test("stop during a reconnect attempt cancels it; its late success is discarded")
    func stopReconnecting() {
        var machine = StateName.reconnecting.machine()
        let id = machine.attemptID!
        #expect(machine.stop() == [.cancelConnect(attemptID: id), .emit(.disconnected(error: nil)), .completeStop])
        #expect(machine.connectSucceeded(attemptID: id, connectionId: "late") == [.discardTransport])
        #expect(machine.state == .disconnected(error: nil))
    }

    @Test("events about other attempts, timers and transports change nothing", arguments: StateName.allCases)
    func staleEvents(_ name: StateName) {
        var machine = name.machine()
        let before = machine.state
        let stale: UInt64 = 999
        #expect(machine.connectSucceeded(attemptID: stale, connectionId: "x") == [.discardTransport])
        #expect(machine.connectFailed(attemptID: stale, error: refused401, now: t0) == [])
        #expect(machine.retryTimerFired(timerID: stale) == [])
        #expect(machine.connectionLost(transportID: stale, error: lost, allowReconnect: true, now: t0) == [])
        #expect(machine.state == before)
    }

    @Test("every state answers every event without trapping, and ends in a consistent state", arguments: StateName.allCases)
    func everyEvent(_ name: StateName) {
        let events: [(inout Machine) -> [Action]] = [
            { $0.start() },
            { $0.stop() },
            { machine in machine.connectSucceeded(attemptID: machine.attemptID ?? 0, connectionId: "id") },
            { machine in machine.connectFailed(attemptID: machine.attemptID ?? 0, error: unreachable, now: t0) },
            { machine in machine.connectFailed(attemptID: machine.attemptID ?? 0, error: refused401, now: t0) },
            { machine in machine.retryTimerFired(timerID: machine.timerID ?? 0) },
            { machine in machine.connectionLost(transportID: machine.transportID ?? 0, error: lost, allowReconnect: true, now: t0) },
            { machine in
                machine.connectionLost(
                    transportID: machine.transportID ?? 0,
                    error: .closedByServer(error: "bye", allowReconnect: false),
                    allowReconnect: false,
                    now: t0
                )
            },
        ]
        for (index, event) in events.enumerated() {
            var machine = name.machine()
            let actions = event(&machine)
            // At most one attempt is ever in flight, and connecting always goes with a state that says so.
            #expect(actions.connects.count <= 1, "event \(index)")
            if let attempt = actions.connects.first {
                #expect(machine.attemptID == attempt.id, "event \(index)")
            }
            // A reconnect is always scheduled from the waiting state, with its timer id.
            for case .scheduleRetry(let timer, _) in actions {
                #expect(machine.timerID == timer, "event \(index)")
            }
            // Reaching disconnected is always published.
            if machine.isDisconnected, !name.machine().isDisconnected {
                #expect(actions.emitted.last.map { if case .disconnected = $0 { true } else { false } } == true, "event \(index)")
            }
        }
    }
}
