import SignalRProtocol

/// The client methods the server may call, by case-folded name (the tolerant choice of the
/// reference: the server and the TS client match method names case-insensitively).
struct HandlerRegistry: Sendable {
    typealias EventHandler = @Sendable ([RawJSON]) async throws -> Void
    typealias ResultHandler = @Sendable ([RawJSON]) async throws -> RawJSON

    struct Entry: Sendable {
        let id: UInt64
        let handler: EventHandler
    }

    private var events: [String: [Entry]] = [:]
    private var results: [String: ResultHandler] = [:]
    private var nextId: UInt64 = 1

    static func key(_ method: String) -> String { method.lowercased() }

    mutating func add(_ method: String, _ handler: @escaping EventHandler) -> UInt64 {
        defer { nextId += 1 }
        events[Self.key(method), default: []].append(Entry(id: nextId, handler: handler))
        return nextId
    }

    mutating func setResult(_ method: String, _ handler: @escaping ResultHandler) {
        results[Self.key(method)] = handler
    }

    mutating func remove(_ method: String) {
        events[Self.key(method)] = nil
        results[Self.key(method)] = nil
    }

    mutating func remove(id: UInt64, method: String) {
        let key = Self.key(method)
        events[key]?.removeAll { $0.id == id }
        if events[key]?.isEmpty == true { events[key] = nil }
    }

    func eventHandlers(_ method: String) -> [Entry] {
        events[Self.key(method)] ?? []
    }

    func resultHandler(_ method: String) -> ResultHandler? {
        results[Self.key(method)]
    }
}
