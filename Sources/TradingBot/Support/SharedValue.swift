import Synchronization

/// A value shared between tasks, behind a lock (a `Mutex` in a class, so that escaping closures
/// can capture it).
final class SharedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    /// The value now.
    var value: Value { storage.withLock { $0 } }

    /// Replaces the value.
    func set(_ value: Value) {
        storage.withLock { $0 = value }
    }

    /// Reads and changes the value atomically.
    func update<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        storage.withLock { body(&$0) }
    }
}
