/// The mutable state of a ``HubConnection``, kept behind one lock so that the lifecycle, the
/// pending invocations and the live transport change together.
struct ConnectionCore: Sendable {
    var machine: ConnectionStateMachine
    var state: HubConnectionState = .disconnected(error: nil)
    /// The live transport, set when the state machine activates it.
    var session: TransportSession?
    var attempts: [UInt64: Task<Void, Never>] = [:]
    var retryTimers: [UInt64: Task<Void, Never>] = [:]
    var startWaiters: [CheckedContinuation<Void, any Error>] = []
    var stopWaiters: [CheckedContinuation<Void, Never>] = []
    var observers: [UInt64: AsyncStream<HubConnectionState>.Continuation] = [:]
    var invocations = InvocationTable()
    private var nextObserverId: UInt64 = 0

    init(machine: ConnectionStateMachine) {
        self.machine = machine
    }

    mutating func makeObserverId() -> UInt64 {
        defer { nextObserverId += 1 }
        return nextObserverId
    }

    /// Publishes a state to every observer, forgetting observers that stopped listening.
    mutating func publish(_ newState: HubConnectionState) {
        state = newState
        var gone: [UInt64] = []
        for (id, observer) in observers {
            if case .terminated = observer.yield(newState) { gone.append(id) }
        }
        for id in gone { observers[id] = nil }
    }
}
