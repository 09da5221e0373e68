@testable import SignalR

typealias Machine = ConnectionStateMachine
typealias Action = ConnectionStateMachine.Action

let t0 = ContinuousClock.now

/// A policy that records what it was asked and answers from a list.
final class RecordingPolicy: RetryPolicy, @unchecked Sendable {
    // Safety: only used from one test task at a time; the state machine calls it synchronously.
    var contexts: [RetryContext] = []
    let delays: [Duration?]

    init(_ delays: [Duration?]) { self.delays = delays }

    func nextRetryDelay(_ context: RetryContext) -> Duration? {
        contexts.append(context)
        return context.previousRetryCount < delays.count ? delays[context.previousRetryCount] : nil
    }
}

func makeMachine(policy: (any RetryPolicy)? = DefaultRetryPolicy(), authLimit: Int = 3) -> Machine {
    Machine(configuration: .init(retryPolicy: policy, authenticationFailureRetryLimit: authLimit))
}

let lost = SignalRError.connectionClosed(code: nil, reason: nil)
let refused401 = SignalRError.authenticationFailed(status: 401, phase: .negotiate)
let refusedUpgrade = SignalRError.authenticationFailed(status: 401, phase: .webSocketUpgrade)
let unreachable = SignalRError.transportFailed(phase: .negotiate, detail: "refused")

extension Machine {
    /// The id of the attempt in progress, if any.
    var attemptID: UInt64? {
        switch state {
        case .starting(let attempt), .reconnecting(_, let attempt): attempt.id
        default: nil
        }
    }

    var attempt: Attempt? {
        switch state {
        case .starting(let attempt), .reconnecting(_, let attempt): attempt
        default: nil
        }
    }

    var transportID: UInt64? {
        switch state {
        case .connected(let id, _), .stopping(let id): id
        default: nil
        }
    }

    var timerID: UInt64? {
        if case .waitingToReconnect(_, let timerID) = state { return timerID }
        return nil
    }

    var isDisconnected: Bool {
        if case .disconnected = state { return true }
        return false
    }
}

/// The named states every event is tried in.
enum StateName: String, CaseIterable, CustomStringConvertible, Sendable {
    case idle, starting, connected, waitingToReconnect, reconnecting, stopping, failed

    var description: String { rawValue }

    /// A machine driven into this state through its public events.
    func machine() -> Machine {
        var machine = makeMachine()
        switch self {
        case .idle:
            break
        case .starting:
            _ = machine.start()
        case .connected:
            _ = machine.start()
            _ = machine.connectSucceeded(attemptID: machine.attemptID!, connectionId: "c1")
        case .waitingToReconnect:
            machine = StateName.connected.machine()
            _ = machine.connectionLost(transportID: machine.transportID!, error: lost, allowReconnect: true, now: t0)
        case .reconnecting:
            machine = StateName.waitingToReconnect.machine()
            _ = machine.retryTimerFired(timerID: machine.timerID!)
        case .stopping:
            machine = StateName.connected.machine()
            _ = machine.stop()
        case .failed:
            _ = machine.start()
            _ = machine.connectFailed(attemptID: machine.attemptID!, error: unreachable, now: t0)
        }
        return machine
    }
}

extension Array where Element == Action {
    var emitted: [HubConnectionState] {
        compactMap { if case .emit(let state) = $0 { state } else { nil } }
    }

    var connects: [Machine.Attempt] {
        compactMap { if case .connect(let attempt) = $0 { attempt } else { nil } }
    }

    var scheduledDelays: [Duration] {
        compactMap { if case .scheduleRetry(_, let delay) = $0 { delay } else { nil } }
    }
}
