import NIOConcurrencyHelpers

/// A value shared between tasks, behind a lock: `NIOLockedValueBox` with the three operations the
/// demo and the stream runner use (read, replace, update), named for what they do.
final class SharedValue<Value: Sendable>: Sendable {
    private let storage: NIOLockedValueBox<Value>

    init(_ value: Value) {
        storage = NIOLockedValueBox(value)
    }

    /// The value now.
    var value: Value { storage.withLockedValue { $0 } }

    /// Replaces the value.
    func set(_ value: Value) {
        storage.withLockedValue { $0 = value }
    }

    /// Reads and changes the value atomically.
    func update<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        storage.withLockedValue { body(&$0) }
    }
}
