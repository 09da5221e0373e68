import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// A server child channel that serves hub WebSocket upgrades itself and hands every other
/// connection to Hummingbird's HTTP/1.1 channel (and so to the application's router).
struct HubHTTPChannel: ServerChildChannel {
    struct Value: ServerChildChannelValue {
        let channel: any Channel
        let route: EventLoopFuture<Route>
        /// Orders a hub connection's creation on the event loop before its use in `handle`.
        let fence: HandOffFence
    }

    enum Route: Sendable {
        case http(EventLoopFuture<HTTP1Channel.Value>)
        case hub(EventLoopFuture<HubUpgradeOutcome>)
    }

    let http1: HTTP1Channel
    let upgrades: HubUpgradeRouter
    let connections: ServerConnections?

    init(
        responder: @escaping HTTPChannelHandler.Responder, upgrades: HubUpgradeRouter, configuration: HTTP1Channel.Configuration,
        connections: ServerConnections? = nil
    ) {
        self.http1 = HTTP1Channel(responder: Self.redirectingUpgrades(responder, upgrades: upgrades), configuration: configuration)
        self.upgrades = upgrades
        self.connections = connections
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        connections?.add(channel)
        return channel.eventLoop.makeCompletedFuture {
            let promise = channel.eventLoop.makePromise(of: Route.self)
            let fence = HandOffFence()
            let http1 = self.http1
            let upgrades = self.upgrades
            let sniffer = HubRequestSniffer(
                route: { channel, head in
                    if let head, head.isWebSocketUpgrade, head.method == "GET", let hub = upgrades.hub(at: head.path) {
                        promise.succeed(.hub(try HubUpgradePipeline.configure(channel: channel, hub: hub, fence: fence)))
                    } else {
                        promise.succeed(.http(http1.setup(channel: channel, logger: logger)))
                    }
                },
                abandoned: { error in promise.fail(error) }
            )
            do {
                try channel.pipeline.syncOperations.addHandler(sniffer)
            } catch {
                // A connection already gone: the promise must not be dropped unfulfilled.
                promise.fail(error)
                throw error
            }
            return Value(channel: channel, route: promise.futureResult, fence: fence)
        }
    }

    func handle(value: Value, logger: Logger) async {
        do {
            // A connection not routed yet has sent no complete request head; when the server
            // stops (this task is cancelled) nothing else would end it, and the server's
            // shutdown waits for it.
            let route = try await withTaskCancellationHandler {
                try await value.route.get()
            } onCancel: {
                value.channel.close(promise: nil)
            }
            switch route {
            case .http(let setup):
                await http1.handle(value: try await setup.get(), logger: logger)
            case .hub(let upgrade):
                switch try await upgrade.get() {
                case .accepted(let connection, let channel):
                    value.fence.pass()
                    await connection.run(channel)
                case .rejected:
                    try await value.channel.closeFuture.get()
                }
            }
        } catch {
            logger.trace("Connection ended before it was served", metadata: ["error": .string("\(error)")])
            value.channel.close(promise: nil)
        }
    }

    /// A hub upgrade arriving on a connection that already served HTTP cannot be upgraded there;
    /// like Hummingbird's WebSocket channel, redirect it to the same URI on a new connection.
    private static func redirectingUpgrades(
        _ responder: @escaping HTTPChannelHandler.Responder,
        upgrades: HubUpgradeRouter
    ) -> HTTPChannelHandler.Responder {
        { request, responseWriter, channel in
            guard
                let upgrade = request.headers[.upgrade], upgrade.caseInsensitiveEquals("websocket"),
                upgrades.hub(at: request.uri.path) != nil
            else {
                try await responder(request, responseWriter, channel)
                return
            }
            var location = request.uri.path
            if let query = request.uri.query { location += "?" + query }
            try await responseWriter.writeResponse(HTTPResponse(status: .temporaryRedirect, headerFields: [.connection: "close", .location: location]))
            throw RedirectedUpgrade()
        }
    }

    /// Ends the HTTP connection after a redirected upgrade.
    private struct RedirectedUpgrade: Error {}
}
