import Logging
import NIOCore
import NIOWebSocket
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnection {
    typealias Inbound = NIOAsyncChannelInboundStream<WebSocketInbound>.AsyncIterator

    /// One connect attempt and, when it succeeds and is still wanted, the life of its transport.
    func runAttempt(_ attempt: ConnectionStateMachine.Attempt) async {
        let endpoint: HubEndpoint
        switch self.endpoint {
        case .success(let parsed):
            endpoint = parsed
        case .failure(let error):
            attemptFailed(attempt, error)
            return
        }
        let establisher = ConnectionEstablisher(
            endpoint: endpoint,
            options: options,
            httpClient: httpClient,
            eventLoopGroup: eventLoopGroup,
            tlsContexts: tlsContexts,
            logger: logger
        )
        let established: ConnectionEstablisher.Established
        do {
            established = try await establisher.establish(attempt)
        } catch {
            attemptFailed(attempt, error)
            return
        }
        let channel = established.channel.channel
        do {
            try await established.channel.executeThenClose { inbound, outbound in
                var iterator = inbound.makeAsyncIterator()
                var framer = RecordSeparatorFramer(maximumMessageSize: self.options.maximumMessageSize)
                let remaining: [ArraySlice<UInt8>]
                do {
                    remaining = try await self.handshake(channel: channel, outbound: outbound, inbound: &iterator, framer: &framer)
                } catch let error as SignalRError {
                    self.attemptFailed(attempt, error)
                    return
                } catch {
                    self.attemptFailed(attempt, .transportFailed(phase: .handshake, detail: "\(error)"))
                    return
                }
                let session = TransportSession(
                    id: attempt.id,
                    connectionId: established.connectionId,
                    channel: channel,
                    outbound: outbound,
                    keepAlive: KeepAliveStateMachine(
                        keepAliveInterval: self.options.keepAliveInterval,
                        serverTimeout: self.options.serverTimeout,
                        connectedAt: .now
                    )
                )
                let actions = self.process(transport: session) { machine, _ in
                    machine.connectSucceeded(attemptID: attempt.id, connectionId: established.connectionId)
                }
                guard actions.contains(.activateTransport(attempt.id)) else { return }
                self.metrics.connects.increment()
                let keepAlive = Task { await self.runKeepAlive(session) }
                let (error, allowReconnect) = await self.receive(session: session, inbound: &iterator, framer: &framer, remaining: remaining)
                keepAlive.cancel()
                self.process { machine, now in
                    machine.connectionLost(transportID: session.id, error: error, allowReconnect: allowReconnect, now: now)
                }
            }
        } catch {
            logger.debug("Closing the WebSocket failed: \(error)")
        }
    }

    private func attemptFailed(_ attempt: ConnectionStateMachine.Attempt, _ error: SignalRError) {
        logger.warning("Connect attempt \(attempt.number) failed: \(error)")
        if error.isAuthenticationFailure { metrics.unauthorized.increment() }
        process { machine, now in
            machine.connectFailed(attemptID: attempt.id, error: error, now: now)
        } prepare: { core in
            core.attempts[attempt.id] = nil
        }
    }

    /// Sends the handshake request and waits for the response within the handshake timeout.
    /// Returns the hub messages that arrived after the response in the same frames.
    private func handshake(
        channel: any Channel,
        outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>,
        inbound: inout Inbound,
        framer: inout RecordSeparatorFramer
    ) async throws(SignalRError) -> [ArraySlice<UInt8>] {
        let request = HandshakeRequest().encoded()
        do {
            try await outbound.write(WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(bytes: request)))
        } catch {
            throw .transportFailed(phase: .handshake, detail: "Sending the handshake failed: \(error)")
        }
        let timedOut = TimeoutFlag()
        let timeout = options.handshakeTimeout
        let timer = Task {
            try await Task.sleep(for: timeout)
            timedOut.set()
            channel.close(promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler {
                while true {
                    let event: WebSocketInbound?
                    do {
                        event = try await inbound.next()
                    } catch {
                        throw SignalRError.transportFailed(phase: .handshake, detail: Redaction.text("\(error)"))
                    }
                    guard let event else { break }
                    if case .failed(let error) = event { throw error }
                    guard case .message(let buffer) = event else { continue }
                    let messages: [ArraySlice<UInt8>]
                    do throws(HubProtocolError) {
                        messages = try framer.feed(Array(buffer.readableBytesView))
                    } catch {
                        throw SignalRError.protocolViolation(error.message)
                    }
                    guard let first = messages.first else { continue }
                    let response: HandshakeResponse
                    do throws(HubProtocolError) {
                        response = try HandshakeResponse.decode(first)
                    } catch {
                        throw SignalRError.protocolViolation(error.message)
                    }
                    if let error = response.error { throw SignalRError.handshakeRejected(error) }
                    return Array(messages.dropFirst())
                }
                if timedOut.isSet { throw SignalRError.handshakeTimeout }
                if Task.isCancelled { throw SignalRError.stoppedDuringStart }
                throw SignalRError.closedDuringHandshake
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch let error as SignalRError {
            if timedOut.isSet { throw .handshakeTimeout }
            throw error
        } catch {
            throw .transportFailed(phase: .handshake, detail: "\(error)")
        }
    }

    /// Pings when nothing was sent for the keep-alive interval; closes the transport when nothing
    /// was received for the server timeout.
    private func runKeepAlive(_ session: TransportSession) async {
        while !Task.isCancelled {
            let action = session.keepAlive.withLockedValue { $0.tick(now: .now) }
            switch action {
            case .sendPing:
                do {
                    try await session.send(.ping)
                } catch {
                    return
                }
            case .serverTimedOut:
                session.markEnding(.serverTimeout, allowReconnect: true)
                session.abort()
                return
            case .wait(let deadline):
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return
                }
            case .stop:
                return
            }
        }
    }
}
