import Logging
import NIOCore
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnection {
    /// Why a transport ended and whether the retry policy may reconnect.
    typealias Ending = (error: SignalRError, allowReconnect: Bool)

    /// Reads messages until the transport ends; returns why it ended.
    func receive(
        session: TransportSession,
        inbound: inout Inbound,
        framer: inout RecordSeparatorFramer,
        remaining: [ArraySlice<UInt8>]
    ) async -> Ending {
        for message in remaining {
            if let ending = await dispatch(message, session: session) { return ending }
        }
        var closeFrame: (code: Int?, reason: String)?
        do {
            while let event = try await inbound.next() {
                switch event {
                case .message(let buffer):
                    let now = ContinuousClock.now
                    session.keepAlive.withLockedValue { $0.messageReceived(at: now) }
                    let messages: [ArraySlice<UInt8>]
                    do throws(HubProtocolError) {
                        messages = try framer.feed(Array(buffer.readableBytesView))
                    } catch {
                        return end(session, .protocolViolation(error.message))
                    }
                    // Counted per frame, on instruments made once (see ConnectionMetrics).
                    metrics.framesReceived.increment()
                    metrics.messagesReceived.increment(by: messages.count)
                    for message in messages {
                        if let ending = await dispatch(message, session: session) { return ending }
                    }
                case .closed(let code, let reason):
                    closeFrame = (code, reason)
                case .failed(let error):
                    return end(session, error)
                }
            }
        } catch {
            logger.debug("The WebSocket failed: \(error)")
            return end(session, Self.transportError(error))
        }
        logger.debug("The WebSocket ended", metadata: ["closeFrame": "\(closeFrame.map { "\($0)" } ?? "none")"])
        if let closeFrame {
            return end(session, .connectionClosed(code: closeFrame.code, reason: closeFrame.reason))
        }
        return end(session, .connectionClosed(code: nil, reason: nil))
    }

    /// The recorded reason if there is one (server Close, server timeout, stop), else `error`.
    private func end(_ session: TransportSession, _ error: SignalRError) -> Ending {
        session.markEnding(error, allowReconnect: true)
        return session.endReason ?? (error, true)
    }

    static func transportError(_ error: any Error) -> SignalRError {
        let text = String(describing: error)
        if error is ChannelError || error is IOError {
            return .connectionClosed(code: nil, reason: nil)
        }
        return .protocolViolation("WebSocket error: \(Redaction.text(text))")
    }

    /// Decodes and handles one hub message. Returns an ending when the message ends the transport.
    func dispatch(_ bytes: ArraySlice<UInt8>, session: TransportSession) async -> Ending? {
        let decoded: HubMessage?
        do throws(HubProtocolError) {
            decoded = try JSONHubProtocol.decode(bytes)
        } catch {
            return end(session, .protocolViolation(error.message))
        }
        guard let message = decoded else {
            logger.debug("Ignoring a message of an unknown type.")
            return nil
        }
        switch message {
        case .invocation(let invocation):
            await handleInvocation(invocation, session: session)
        case .completion(let completion):
            handleCompletion(completion)
        case .streamItem(let item):
            handleStreamItem(item)
        case .ping:
            break
        case .close(let close):
            let error = SignalRError.closedByServer(error: close.error, allowReconnect: close.allowReconnect)
            logger.info("The server sent Close", metadata: ["error": "\(close.error ?? "-")", "allowReconnect": "\(close.allowReconnect)"])
            session.markEnding(error, allowReconnect: close.allowReconnect)
            return session.endReason
        case .streamInvocation(let invocation):
            logger.warning("Ignoring a StreamInvocation of '\(invocation.target)' from the server: the client serves no streams.")
            let completion = CompletionMessage(
                invocationId: invocation.invocationId,
                outcome: .error("Client does not support stream invocations.")
            )
            try? await session.send(.completion(completion))
        case .cancelInvocation, .ack, .sequence:
            break
        }
        return nil
    }

    private func handleInvocation(_ invocation: InvocationMessage, session: TransportSession) async {
        let (entries, resultHandler) = handlers.withLockedValue { registry in
            (registry.eventHandlers(invocation.target), invocation.invocationId == nil ? nil : registry.resultHandler(invocation.target))
        }
        if entries.isEmpty, resultHandler == nil {
            logger.warning("No client method with the name '\(invocation.target)' found.")
        }
        for entry in entries {
            do {
                try await entry.handler(invocation.arguments)
            } catch {
                logger.error("The handler for '\(invocation.target)' failed: \(error)")
            }
        }
        guard let invocationId = invocation.invocationId else { return }
        guard let resultHandler else {
            let completion = CompletionMessage(invocationId: invocationId, outcome: .error("Client didn't provide a result."))
            try? await session.send(.completion(completion))
            return
        }
        let logger = self.logger
        let arguments = invocation.arguments
        let target = invocation.target
        Task {
            let outcome: CompletionMessage.Outcome
            do {
                outcome = .result(try await resultHandler(arguments))
            } catch {
                logger.error("The result handler for '\(target)' failed: \(error)")
                outcome = .error("\(error)")
            }
            do {
                try await session.send(.completion(CompletionMessage(invocationId: invocationId, outcome: outcome)))
            } catch {
                logger.warning("Could not send the result of '\(target)': \(error)")
            }
        }
    }

    private func handleCompletion(_ completion: CompletionMessage) {
        let entry = core.withLockedValue { $0.invocations.remove(completion.invocationId) }
        switch entry {
        case .call(let method, let promise):
            switch completion.outcome {
            case .void: promise.complete(.success(nil))
            case .result(let value): promise.complete(.success(value))
            case .error(let message): promise.complete(.failure(.invocationFailed(method: method, message: message)))
            }
        case .stream(let method, let continuation):
            switch completion.outcome {
            case .void:
                continuation.finish()
            case .error(let message):
                continuation.finish(throwing: SignalRError.invocationFailed(method: method, message: message))
            case .result:
                continuation.finish(
                    throwing: SignalRError.protocolViolation("Server provided a result in a completion response to a streamed invocation.")
                )
            }
        case nil:
            logger.debug("Dropped an unsolicited Completion for invocation \(completion.invocationId).")
        }
    }

    private func handleStreamItem(_ item: StreamItemMessage) {
        enum Target {
            case stream(AsyncThrowingStream<RawJSON, any Error>.Continuation)
            case call(String, InvocationPromise)
            case none
        }
        let target: Target = core.withLockedValue { core in
            if let continuation = core.invocations.stream(item.invocationId) { return .stream(continuation) }
            if case .call(let method, let promise) = core.invocations.remove(item.invocationId) { return .call(method, promise) }
            return .none
        }
        switch target {
        case .stream(let continuation):
            continuation.yield(item.item)
        case .call(let method, let promise):
            promise.complete(
                .failure(.protocolViolation("'\(method)' sent a stream item; streaming hub methods must be invoked with stream()."))
            )
        case .none:
            logger.debug("Dropped an unsolicited StreamItem for invocation \(item.invocationId).")
        }
    }
}
