import NIOConcurrencyHelpers

/// Keeps what a hook saw, for the test to read afterwards.
final class GroupSnapshot: Sendable {
    private let storage = NIOLockedValueBox<(members: Set<String>, connectionId: String)?>(nil)

    func record(_ members: Set<String>, _ connectionId: String) {
        storage.withLockedValue { $0 = (members, connectionId) }
    }

    var value: (members: Set<String>, connectionId: String)? { storage.withLockedValue { $0 } }
}
