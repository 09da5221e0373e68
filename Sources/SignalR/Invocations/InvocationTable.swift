import SignalRProtocol

/// The invocations and streams waiting for the server, by invocation id.
struct InvocationTable: Sendable {
    enum Pending: Sendable {
        case call(method: String, InvocationPromise)
        case stream(method: String, AsyncThrowingStream<RawJSON, any Error>.Continuation)
    }

    private var pending: [String: Pending] = [:]
    private var nextId: UInt64 = 0

    var count: Int { pending.count }

    /// The next invocation id ("0", "1", ...), counted per connection object.
    mutating func makeId() -> String {
        defer { nextId += 1 }
        return String(nextId)
    }

    mutating func add(_ entry: Pending, id: String) {
        pending[id] = entry
    }

    mutating func remove(_ id: String) -> Pending? {
        pending.removeValue(forKey: id)
    }

    func stream(_ id: String) -> AsyncThrowingStream<RawJSON, any Error>.Continuation? {
        if case .stream(_, let continuation) = pending[id] { return continuation }
        return nil
    }

    /// Removes everything; the caller fails the returned entries (outside any lock).
    mutating func removeAll() -> [Pending] {
        defer { pending.removeAll() }
        return Array(pending.values)
    }

    static func fail(_ entries: [Pending], with error: SignalRError) {
        for entry in entries {
            switch entry {
            case .call(_, let promise): promise.complete(.failure(error))
            case .stream(_, let continuation): continuation.finish(throwing: error)
            }
        }
    }
}
