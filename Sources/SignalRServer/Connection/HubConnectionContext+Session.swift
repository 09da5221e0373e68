import NIOCore
import NIOWebSocket
import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnectionContext {
    /// Runs the connection until its socket closes: reads frames, answers the handshake, dispatches
    /// hub messages, and ticks keep-alive and timeouts alongside. Then cleans up and calls
    /// `onDisconnected`.
    func run(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async {
        logger.debug("Hub connection opened")
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.tickLoop() }
            await self.readLoop(channel)
            group.cancelAll()
        }
        await finish()
    }

    private func readLoop(_ channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async {
        do {
            try await channel.executeThenClose { inbound, _ in
                var framer = RecordSeparatorFramer(maximumMessageSize: hub.configuration.maximumReceiveMessageSize ?? Int.max)
                for try await frame in inbound {
                    switch frame.opcode {
                    case .text, .binary:
                        state.withLockedValue { $0.receivedSinceTick = true }
                        await receive(frame.unmaskedData, framer: &framer)
                    case .ping:
                        state.withLockedValue { $0.receivedSinceTick = true }
                        outbound.sendPong(frame.unmaskedData)
                    case .connectionClose:
                        var data = frame.unmaskedData
                        let code = data.readInteger(as: UInt16.self)
                        _ = state.withLockedValue { $0.lifecycle.beginClosing(now: .now) }
                        outbound.echoClose(code: code)
                    default:
                        state.withLockedValue { $0.receivedSinceTick = true }
                    }
                }
            }
        } catch {
            logger.trace("Hub connection read ended", metadata: ["error": .string("\(error)")])
        }
    }

    /// Feeds one WebSocket message to the framer and handles every hub message it completes.
    private func receive(_ data: ByteBuffer, framer: inout RecordSeparatorFramer) async {
        let lifecycle = state.withLockedValue { $0.lifecycle.state }
        switch lifecycle {
        case .handshaking, .connected: break
        case .closing, .closed: return
        }
        let bytes = Array(data.readableBytesView)
        let messages: [ArraySlice<UInt8>]
        do {
            messages = try framer.feed(bytes[...])
        } catch {
            let limit = hub.configuration.maximumReceiveMessageSize ?? Int.max
            if case .handshaking = lifecycle {
                failHandshake(HandshakeValidator.canceled)
            } else {
                closeWithError(.messageTooLarge(limit: limit), detail: HubErrorText.maximumMessageSizeExceeded(limit))
            }
            return
        }
        for message in messages {
            let current = state.withLockedValue { $0.lifecycle.state }
            switch current {
            case .handshaking:
                guard await handshake(message) else { return }
            case .connected:
                let decoded: HubMessage?
                do {
                    decoded = try JSONHubProtocol.decode(message)
                } catch {
                    closeWithError(.protocolViolation(error.message), detail: "InvalidDataException: \(error.message)")
                    return
                }
                if let decoded { await dispatch(decoded) }
            case .closing, .closed:
                return
            }
        }
    }

    /// Answers the handshake; on success registers the connection and runs `onConnected`.
    private func handshake(_ message: ArraySlice<UInt8>) async -> Bool {
        let response = HandshakeValidator.response(to: message)
        if let error = response.error {
            failHandshake(error)
            return false
        }
        guard state.withLockedValue({ $0.lifecycle.handshakeSucceeded() }) else { return false }
        hub.registry.activate(self) { outbound.send(.handshakeSuccess) }
        do {
            try await hub.runConnectedHandler(self)
        } catch {
            logger.warning("onConnected failed", metadata: ["error": .string("\(error)")])
            close(
                with: CloseMessage(error: HubErrorText.connectionFailed(error: error, detailed: hub.configuration.enableDetailedErrors), allowReconnect: true),
                reason: HubConnectionError.connectedHandlerFailed("\(error)")
            )
            return false
        }
        return true
    }

    /// Forgets the connection everywhere and tells the application.
    private func finish() async {
        let (handshaked, streams, reason) = state.withLockedValue { state in
            let handshaked = state.lifecycle.hasHandshaked
            state.lifecycle.closed()
            let streams = state.streams
            state.streams = [:]
            return (handshaked, streams, state.closeError)
        }
        outbound.channelClosed()
        hub.registry.remove(self)
        for task in streams.values { task.cancel() }
        logger.debug("Hub connection closed")
        if handshaked {
            await hub.runDisconnectedHandler(self, error: reason)
        }
    }
}
