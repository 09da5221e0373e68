import NIOConcurrencyHelpers

/// Tasks started on behalf of one operation (a stream's forwarders), cancelled together when it
/// ends. Adding to a bag that was already cancelled cancels the task at once.
final class TaskBag: Sendable {
    /// What the lock guards.
    private struct State {
        var tasks: [Task<Void, Never>] = []
        var cancelled = false
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    func add(_ task: Task<Void, Never>) {
        let cancelNow = state.withLockedValue { state -> Bool in
            if state.cancelled { return true }
            state.tasks.append(task)
            return false
        }
        if cancelNow { task.cancel() }
    }

    func cancelAll() {
        let tasks = state.withLockedValue { state -> [Task<Void, Never>] in
            state.cancelled = true
            defer { state.tasks = [] }
            return state.tasks
        }
        for task in tasks { task.cancel() }
    }
}
