import SignalRProtocol
import NIOConcurrencyHelpers

extension HubConnectionContext {
    /// Handles one hub message from the client.
    ///
    /// Invocations run one at a time in arrival order (ASP.NET Core's default of one parallel
    /// invocation per client); streams run concurrently so that a CancelInvocation can reach them.
    func dispatch(_ message: HubMessage) async {
        switch message {
        case .invocation(let invocation):
            await invoke(invocation)
        case .streamInvocation(let invocation):
            startStream(invocation)
        case .cancelInvocation(let cancel):
            let task = state.withLockedValue { $0.streams[cancel.invocationId] }
            task?.cancel()
        case .ping:
            state.withLockedValue { $0.keepAlive.pingReceived(now: .now) }
        case .close:
            // The client is leaving; like ASP.NET Core, close without a Close message of our own.
            close(with: nil)
        case .streamItem, .completion, .ack, .sequence:
            // Client-to-server streams, client results and stateful reconnect are not supported;
            // the reference says to ignore what is not understood.
            logger.trace("Ignoring an unsupported message", metadata: ["type": .stringConvertible(message.typeCode)])
        }
    }

    private func invoke(_ invocation: InvocationMessage) async {
        let id = invocation.invocationId
        guard let method = hub.method(named: invocation.target) else {
            logger.debug("Unknown hub method", metadata: ["method": .string(invocation.target)])
            if let id { complete(id, .error(HubErrorText.unknownMethod(invocation.target))) }
            return
        }
        guard case .unary(let handler) = method else {
            if let id { complete(id, .error(HubErrorText.streamingMethodInvokedAsUnary(invocation.target))) }
            return
        }
        let call = HubCall(connection: self, target: invocation.target, invocationId: id, arguments: invocation.arguments)
        state.withLockedValue { $0.invocationInProgress = true }
        defer { state.withLockedValue { $0.invocationInProgress = false } }
        do {
            let result = try await handler(call)
            if let id { complete(id, result.map { .result($0) } ?? .void) }
        } catch {
            logger.debug("Hub method failed", metadata: ["method": .string(invocation.target), "error": .string("\(error)")])
            if let id {
                complete(id, .error(HubErrorText.invocationFailed(invocation.target, error: error, detailed: hub.configuration.enableDetailedErrors)))
            }
        }
    }

    private func startStream(_ invocation: StreamInvocationMessage) {
        let id = invocation.invocationId
        guard let method = hub.method(named: invocation.target) else {
            complete(id, .error(HubErrorText.unknownMethod(invocation.target)))
            return
        }
        guard case .stream(let handler) = method else {
            complete(id, .error(HubErrorText.unaryMethodInvokedAsStream(invocation.target)))
            return
        }
        let call = HubCall(connection: self, target: invocation.target, invocationId: id, arguments: invocation.arguments)
        let writer = HubStreamWriter(connection: self, invocationId: id)
        let detailed = hub.configuration.enableDetailedErrors
        let started = state.withLockedValue { state -> Bool in
            guard state.streams[id] == nil else { return false }
            // Created under the lock so the task's own removal below cannot run before insertion.
            state.streams[id] = Task {
                var outcome = CompletionMessage.Outcome.void
                do {
                    try await handler(call, writer)
                } catch {
                    // A stream the client cancelled ends with a plain Completion, as in ASP.NET Core.
                    if !Task.isCancelled {
                        outcome = .error(HubErrorText.streamFailed(error: error, detailed: detailed))
                    }
                }
                self.state.withLockedValue { _ = $0.streams.removeValue(forKey: id) }
                self.complete(id, outcome)
            }
            return true
        }
        if !started {
            complete(id, .error(HubErrorText.duplicateInvocationId(id)))
        }
    }

    func complete(_ invocationId: String, _ outcome: CompletionMessage.Outcome) {
        outbound.send(EncodedHubMessage(.completion(CompletionMessage(invocationId: invocationId, outcome: outcome))))
    }
}
