import Foundation
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnection {
    /// Handles a server event with raw JSON arguments. Method names match case-insensitively;
    /// several handlers may be registered for one method and run in registration order.
    ///
    /// ```swift
    /// connection.onRaw("GatewayDepth") { arguments in print(arguments.map(\.text)) }
    /// ```
    @discardableResult
    public func onRaw(_ method: String, handler: @escaping @Sendable ([RawJSON]) async throws -> Void) -> HubHandlerRegistration {
        let id = handlers.withLockedValue { $0.add(method, handler) }
        return HubHandlerRegistration(method: method, id: id)
    }

    /// Handles a server event with one argument decoded as `A`. A decoding failure is logged and
    /// the event skipped; extra arguments are ignored.
    ///
    /// ```swift
    /// connection.on("GatewayUserAccount") { (account: Account) in print(account.balance) }
    /// ```
    @discardableResult
    public func on<A: Decodable & Sendable>(_ method: String, handler: @escaping @Sendable (A) async throws -> Void) -> HubHandlerRegistration {
        let decoder = DecoderBox()
        return onRaw(method) { arguments in
            let a = try ArgumentDecoding.argument(A.self, at: 0, of: arguments, method: method, decoder: decoder.decoder)
            try await handler(a)
        }
    }

    /// Handles a server event with two arguments.
    ///
    /// ```swift
    /// connection.on("GatewayQuote") { (contractId: String, quote: Quote) in ... }
    /// ```
    @discardableResult
    public func on<A: Decodable & Sendable, B: Decodable & Sendable>(
        _ method: String,
        handler: @escaping @Sendable (A, B) async throws -> Void
    ) -> HubHandlerRegistration {
        let decoder = DecoderBox()
        return onRaw(method) { arguments in
            let a = try ArgumentDecoding.argument(A.self, at: 0, of: arguments, method: method, decoder: decoder.decoder)
            let b = try ArgumentDecoding.argument(B.self, at: 1, of: arguments, method: method, decoder: decoder.decoder)
            try await handler(a, b)
        }
    }

    /// Handles a server event with three arguments.
    @discardableResult
    public func on<A: Decodable & Sendable, B: Decodable & Sendable, C: Decodable & Sendable>(
        _ method: String,
        handler: @escaping @Sendable (A, B, C) async throws -> Void
    ) -> HubHandlerRegistration {
        let decoder = DecoderBox()
        return onRaw(method) { arguments in
            let a = try ArgumentDecoding.argument(A.self, at: 0, of: arguments, method: method, decoder: decoder.decoder)
            let b = try ArgumentDecoding.argument(B.self, at: 1, of: arguments, method: method, decoder: decoder.decoder)
            let c = try ArgumentDecoding.argument(C.self, at: 2, of: arguments, method: method, decoder: decoder.decoder)
            try await handler(a, b, c)
        }
    }

    /// Answers server invocations of `method` that expect a result (client results). Replaces a
    /// previous result handler for the method. Without one, such invocations are answered with
    /// the error "Client didn't provide a result.". A thrown error is sent as the Completion error.
    ///
    /// ```swift
    /// connection.onInvocation("GetClientTime") { _ in try RawJSON(encoding: Date().timeIntervalSince1970) }
    /// ```
    public func onInvocation(_ method: String, handler: @escaping @Sendable ([RawJSON]) async throws -> RawJSON) {
        handlers.withLockedValue { $0.setResult(method, handler) }
    }

    /// Answers server invocations of `method` with an encodable result.
    public func onInvocation<R: Encodable & Sendable>(_ method: String, returning: R.Type, handler: @escaping @Sendable ([RawJSON]) async throws -> R) {
        onInvocation(method) { arguments in
            try ArgumentDecoding.encode(try await handler(arguments))
        }
    }

    /// Removes every handler (event and result) for `method`.
    public func off(_ method: String) {
        handlers.withLockedValue { $0.remove(method) }
    }

    /// Removes one event handler.
    public func off(_ registration: HubHandlerRegistration) {
        handlers.withLockedValue { $0.remove(id: registration.id, method: registration.method) }
    }
}
