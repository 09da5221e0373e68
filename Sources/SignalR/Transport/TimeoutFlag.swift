import Synchronization

/// Set once by the connect deadline, read after the attempt failed.
final class TimeoutFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() { value.store(true, ordering: .relaxed) }

    var isSet: Bool { value.load(ordering: .relaxed) }
}
