import SignalR
import NIOConcurrencyHelpers

/// Collects values from handlers and lets a test wait for them.
final class Collected<Value: Sendable>: Sendable {
    private let values = NIOLockedValueBox<[Value]>([])

    func append(_ value: Value) { values.withLockedValue { $0.append(value) } }

    var all: [Value] { values.withLockedValue { $0 } }

    @discardableResult
    func wait(for count: Int, timeout: Duration = .seconds(20)) async -> [Value] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, all.count < count {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return all
    }

    /// Records every state of `connection` until the returned task is cancelled.
    static func states(of connection: HubConnection) -> (Collected<HubConnectionState>, Task<Void, Never>) where Value == HubConnectionState {
        let collected = Collected<HubConnectionState>()
        let task = Task { for await state in connection.states { collected.append(state) } }
        return (collected, task)
    }
}

func waitUntil(timeout: Duration = .seconds(20), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
