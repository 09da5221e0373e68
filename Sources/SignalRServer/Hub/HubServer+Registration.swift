import SignalRProtocol
import NIOConcurrencyHelpers

extension HubServer {
    /// Registers a hub method; names match case-insensitively. Return `nil` for a void method.
    ///
    /// ```swift
    /// hub.on("Echo") { call in call.arguments.first }
    /// hub.on("Subscribe") { call in
    ///     call.connection.addToGroup(try call.argument(0, as: String.self))
    ///     return nil
    /// }
    /// ```
    public func on(_ method: String, _ handler: @escaping HubMethodHandler) {
        methods.withLockedValue { $0.register(method, .unary(handler)) }
    }

    /// Registers a streaming method (called with StreamInvocation): items go to the writer, and
    /// returning ends the stream with a Completion.
    public func onStream(_ method: String, _ handler: @escaping HubStreamHandler) {
        methods.withLockedValue { $0.register(method, .stream(handler)) }
    }

    /// Registers a streaming method whose items come from an async sequence.
    ///
    /// ```swift
    /// hub.onStream("Ticks") { call in
    ///     AsyncStream { continuation in ... }.map { try RawJSON(encoding: $0) }
    /// }
    /// ```
    public func onStream<Items: AsyncSequence & Sendable>(
        _ method: String,
        _ makeItems: @escaping @Sendable (HubCall) async throws -> Items
    ) where Items.Element == RawJSON {
        onStream(method) { call, writer in
            for try await item in try await makeItems(call) {
                try writer.yield(item)
            }
        }
    }

    /// Adds a hook run after each handshake (for example to join groups).
    public func onConnected(_ handler: @escaping HubConnectedHandler) {
        hooks.withLockedValue { $0.onConnected.append(handler) }
    }

    /// Adds a hook run after each connection closed (for example to drop its subscriptions).
    public func onDisconnected(_ handler: @escaping HubDisconnectedHandler) {
        hooks.withLockedValue { $0.onDisconnected.append(handler) }
    }

    func runConnectedHandler(_ connection: HubConnectionContext) async throws {
        for handler in hooks.withLockedValue({ $0.onConnected }) {
            try await handler(connection)
        }
    }

    func runDisconnectedHandler(_ connection: HubConnectionContext, error: (any Error)?) async {
        for handler in hooks.withLockedValue({ $0.onDisconnected }) {
            await handler(connection, error)
        }
    }
}
