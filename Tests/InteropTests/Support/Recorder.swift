import NIOConcurrencyHelpers

/// Collects values from handlers and lets a test wait until enough arrived.
final class Recorder<Value: Sendable>: Sendable {
    private let values = NIOLockedValueBox<[Value]>([])

    func append(_ value: Value) { values.withLockedValue { $0.append(value) } }

    var all: [Value] { values.withLockedValue { $0 } }

    /// Waits until `count` values arrived or `timeout` passed; returns what arrived.
    @discardableResult
    func wait(for count: Int, timeout: Duration = .seconds(20)) async -> [Value] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let current = all
            if current.count >= count { return current }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return all
    }
}

/// Waits until `condition` holds or `timeout` passed.
func eventually(timeout: Duration = .seconds(20), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
