/// Records the events of a hub stream with the time each arrived, in a background task, so that
/// the demo can wait for one ("the first quote after the reconnect") and quote measured times.
final class EventRecorder<Event: Sendable>: Sendable {
    /// One recorded event.
    struct Mark: Sendable {
        let instant: ContinuousClock.Instant
        let event: Event
        /// Its position in the recording, from 0.
        let index: Int
    }

    private let recorded = SharedValue<[Mark]>([])
    private let task = SharedValue<Task<Void, Never>?>(nil)

    /// Starts recording `events` now.
    init(_ events: AsyncStream<Event>) {
        let recorded = recorded
        task.set(Task {
            for await event in events {
                let instant = ContinuousClock.now
                recorded.update { $0.append(Mark(instant: instant, event: event, index: $0.count)) }
            }
        })
    }

    deinit {
        task.value?.cancel()
    }

    /// Stops recording (what was recorded stays readable).
    func stop() {
        task.update { task in
            task?.cancel()
            task = nil
        }
    }

    /// Every event recorded so far.
    var all: [Mark] { recorded.value }

    /// The events recorded after position `index` (exclusive; -1 for all).
    func marks(after index: Int) -> [Mark] {
        recorded.update { Array($0.dropFirst(index + 1)) }
    }

    /// The first event after position `index` that satisfies `matches`, waiting up to `timeout`
    /// for it; nil when none came in time (or the waiting task was cancelled).
    func first(after index: Int, within timeout: Duration, where matches: @Sendable (Event) -> Bool) async -> Mark? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let mark = marks(after: index).first(where: { matches($0.event) }) { return mark }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits up to `timeout` until the events after `index` satisfy `done`; returns them.
    func collect(after index: Int, within timeout: Duration, until done: @Sendable ([Event]) -> Bool) async -> [Mark] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let recorded = marks(after: index)
            if done(recorded.map(\.event)) || ContinuousClock.now >= deadline || Task.isCancelled { return recorded }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The position of the last event recorded (-1 when none).
    var lastIndex: Int { recorded.update { $0.count - 1 } }
}
