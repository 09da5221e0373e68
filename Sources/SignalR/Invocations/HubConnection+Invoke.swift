import Foundation
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnection {
    // MARK: Typed

    /// Calls a hub method and decodes its result.
    ///
    /// ```swift
    /// let sum = try await connection.invoke("Add", 2, 3, returning: Int.self)
    /// ```
    ///
    /// - Parameters:
    ///   - method: the hub method's name.
    ///   - arguments: its arguments, each encoded as JSON.
    ///   - type: the type the result is decoded as.
    ///   - timeout: how long to wait for the server's answer; `nil` for the connection's
    ///     ``HubConnectionOptions/invocationTimeout``.
    /// - Throws: ``SignalRError/invocationFailed(method:message:)`` when the hub fails,
    ///   ``SignalRError/invocationTimedOut(method:timeout:)`` when it does not answer in time,
    ///   ``SignalRError/connectionLost(cause:)`` when the connection ends first (the call is not
    ///   resent), ``SignalRError/notConnected``, ``SignalRError/decodingFailed(_:)``.
    public func invoke<Result: Decodable>(
        _ method: String,
        _ arguments: any Encodable...,
        returning type: Result.Type,
        timeout: Duration? = nil
    ) async throws -> Result {
        let raw = try await invokeRaw(method, arguments: try encodeArguments(arguments), timeout: timeout)
        let decoder = JSONDecoder()
        return try ArgumentDecoding.decode(Result.self, from: raw ?? .null, decoder: decoder, what: "The result of '\(method)'")
    }

    /// Calls a hub method and waits for it to complete, ignoring any result.
    ///
    /// ```swift
    /// try await connection.invoke("SubscribeContractQuotes", "CON.F.US.EP.U25")
    /// try await connection.invoke("SubscribeContractQuotes", "CON.F.US.EP.U25", timeout: .seconds(5))
    /// ```
    public func invoke(_ method: String, _ arguments: any Encodable..., timeout: Duration? = nil) async throws {
        _ = try await invokeRaw(method, arguments: try encodeArguments(arguments), timeout: timeout)
    }

    /// Calls a hub method without waiting for (or allowing) a result: no invocation id is sent.
    /// Returns once the message is written.
    public func send(_ method: String, _ arguments: any Encodable...) async throws {
        try await sendRaw(method, arguments: try encodeArguments(arguments))
    }

    /// Starts a server-to-client stream and returns its items.
    ///
    /// ```swift
    /// for try await tick in try await connection.stream("Ticks", "ES", of: Double.self) { print(tick) }
    /// ```
    public func stream<Element: Decodable & Sendable>(
        _ method: String,
        _ arguments: any Encodable...,
        of type: Element.Type
    ) async throws -> HubStream<Element> {
        let raw = try await streamRaw(method, arguments: try encodeArguments(arguments))
        let decoder = JSONDecoder()
        return HubStream(items: raw.items, decode: { value throws(SignalRError) in
            try ArgumentDecoding.decode(Element.self, from: value, decoder: decoder, what: "An item of '\(method)'")
        }, cancellation: raw.cancellation)
    }

    // MARK: Raw JSON

    /// Calls a hub method with arguments that are already JSON; returns the raw result, or `nil`
    /// for a method without one.
    ///
    /// Past `timeout` (or ``HubConnectionOptions/invocationTimeout``) without a Completion the call
    /// fails with ``SignalRError/invocationTimedOut(method:timeout:)``: it is forgotten, nothing more
    /// is sent for it, and a Completion arriving later is dropped.
    public func invokeRaw(_ method: String, arguments: [RawJSON], timeout: Duration? = nil) async throws -> RawJSON? {
        let promise = InvocationPromise()
        let (session, id) = try register(.call(method: method, promise))
        let timer = (timeout ?? options.invocationTimeout).map { limit in
            Task { [weak self] in
                do {
                    try await Task.sleep(for: limit)
                } catch {
                    return
                }
                guard let self else { return }
                // Only a call still pending times out; a Completion that won the race removed it.
                guard case .some = self.core.withLockedValue({ $0.invocations.remove(id) }) else { return }
                self.logger.warning("No answer to '\(method)' within \(limit.formattedSeconds); the invocation failed.")
                promise.complete(.failure(.invocationTimedOut(method: method, timeout: limit)))
            }
        }
        defer { timer?.cancel() }
        do {
            try await session.send(.invocation(InvocationMessage(invocationId: id, target: method, arguments: arguments)))
        } catch {
            _ = core.withLockedValue { $0.invocations.remove(id) }
            throw error
        }
        let sent = ContinuousClock.now
        // Recorded when the call ends, however it ends (answer, error, timeout, cancellation).
        defer { metrics.invocationDuration.recordNanoseconds(sent.duration(to: ContinuousClock.now).nanoseconds) }
        do {
            return try await promise.value()
        } catch is CancellationError {
            _ = core.withLockedValue { $0.invocations.remove(id) }
            throw CancellationError()
        }
    }

    /// Sends a fire-and-forget invocation with arguments that are already JSON.
    public func sendRaw(_ method: String, arguments: [RawJSON]) async throws {
        guard let session = core.withLockedValue({ $0.state.isConnected ? $0.session : nil }) else {
            throw SignalRError.notConnected
        }
        try await session.send(.invocation(InvocationMessage(target: method, arguments: arguments)))
    }

    /// Starts a stream with arguments that are already JSON; items are raw JSON values.
    public func streamRaw(_ method: String, arguments: [RawJSON]) async throws -> HubStream<RawJSON> {
        let (items, continuation) = AsyncThrowingStream<RawJSON, any Error>.makeStream()
        let (session, id) = try register(.stream(method: method, continuation))
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancelStream(id) }
        }
        do {
            try await session.send(.streamInvocation(StreamInvocationMessage(invocationId: id, target: method, arguments: arguments)))
        } catch {
            _ = core.withLockedValue { $0.invocations.remove(id) }
            continuation.finish(throwing: error)
            throw error
        }
        let cancellation = StreamCancellation(invocationId: id) { [weak self] id in self?.cancelStream(id) }
        return HubStream(items: items, decode: { $0 }, cancellation: cancellation)
    }

    // MARK: Helpers

    /// Registers a pending invocation under a fresh id, if connected.
    private func register(_ entry: InvocationTable.Pending) throws(SignalRError) -> (TransportSession, String) {
        let registered: (TransportSession, String)? = core.withLockedValue { core in
            guard core.state.isConnected, let session = core.session else { return nil }
            let id = core.invocations.makeId()
            core.invocations.add(entry, id: id)
            return (session, id)
        }
        guard let registered else { throw .notConnected }
        return registered
    }

    /// Forgets a stream the consumer abandoned and tells the server, if it is still running.
    func cancelStream(_ id: String) {
        let cancelled: (AsyncThrowingStream<RawJSON, any Error>.Continuation, TransportSession?)? = core.withLockedValue { core in
            guard case .stream(_, let continuation) = core.invocations.remove(id) else { return nil }
            return (continuation, core.state.isConnected ? core.session : nil)
        }
        guard let (continuation, session) = cancelled else { return }
        continuation.finish()
        guard let session else { return }
        logger.debug("Cancelling stream \(id)")
        Task {
            try? await session.send(.cancelInvocation(CancelInvocationMessage(invocationId: id)))
        }
    }

    private func encodeArguments(_ arguments: [any Encodable]) throws(SignalRError) -> [RawJSON] {
        var encoded: [RawJSON] = []
        encoded.reserveCapacity(arguments.count)
        for argument in arguments {
            encoded.append(try ArgumentDecoding.encode(argument))
        }
        return encoded
    }
}
