import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

/// The code of the SignalR catalog's article "Getting started with the SignalR client"
/// (`Sources/SignalR/Documentation.docc/GettingStarted.md`), run against a `SignalRServer` hub
/// with the article's methods. When the article changes, change this test with it.
@Suite("The SignalR getting-started article's code works as it says", .gated, .timeLimit(.minutes(5)))
struct GettingStartedArticleTests {
    /// The article's token store: hands out a token and refreshes it when asked to.
    actor TokenStore {
        private var token = "good-1"
        private(set) var refreshes = 0

        func current(forceRefresh: Bool) async throws -> String {
            if forceRefresh {
                refreshes += 1
                token = "good-\(refreshes + 1)"
            }
            return token
        }
    }

    /// A hub with the article's methods: `Echo`, `Broadcast(user, text)` (sends `Message` to every
    /// client) and the stream `Counter(n)`.
    static func chatHub() -> HubServer {
        let hub = ServerFixture.makeHub()
        hub.on("Broadcast") { [weak hub] call in
            guard call.arguments.count == 2 else { throw HubException("Broadcast takes a user and a text") }
            _ = hub?.sendToAll("Message", call.arguments)
            return nil
        }
        return hub
    }

    @Test("connect with a token provider, on/invoke/send/stream, reconnect after a drop, stop")
    func articleCode() async throws {
        try await ServerFixture.with(Self.chatHub()) { server, url in
            let myTokens = TokenStore()
            let received = Collected<String>()

            // -- the article, "Connect" --
            var options = HubConnectionOptions(retryPolicy: ExponentialBackoffRetryPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(5)))
            options.accessTokenProvider = { request in
                // Asked before every negotiate and every WebSocket connect.
                try await myTokens.current(forceRefresh: request.reason.isAuthenticationFailure)
            }
            options.invocationTimeout = .seconds(10)
            let hub = HubConnection(url: url, options: options)
            let messages = hub.on("Message") { (user: String, text: String) in
                received.append("\(user): \(text)")
            }
            try await hub.start()

            // -- "Call the server" --
            let echoed = try await hub.invoke("Echo", "hello", returning: String.self)
            try await hub.invoke("Broadcast", "ana", "hi all")
            try await hub.send("Broadcast", "ana", "fire and forget")
            var counted: [Int] = []
            for try await number in try await hub.stream("Counter", 3, of: Int.self) { counted.append(number) }

            #expect(echoed == "hello")
            #expect(counted == [0, 1, 2])
            #expect(await received.wait(for: 2).sorted() == ["ana: fire and forget", "ana: hi all"])

            // -- "Stay connected" --
            let watcher = Task {
                var seen: [String] = []
                for await state in hub.states {
                    switch state {
                    case .connecting: seen.append("connecting")
                    case .connected: seen.append("connected")
                    case .reconnecting: seen.append("reconnecting")
                    case .disconnected: seen.append("disconnected"); return seen
                    }
                }
                return seen
            }
            let first = hub.connectionId
            server.abortAll()
            #expect(await waitUntil { hub.connectionId != nil && hub.connectionId != first })
            // A refused token: the provider is asked again with reason .authenticationFailure.
            server.refuseNextUpgrades(1)
            server.abortAll()
            #expect(await waitUntil { await myTokens.refreshes == 1 && hub.state.isConnected })
            #expect(try await hub.invoke("Echo", "again", returning: String.self) == "again")

            // -- "Stop" --
            hub.off(messages)
            await hub.stop()
            let seen = await watcher.value
            #expect(seen.contains("reconnecting"))
            #expect(seen.last == "disconnected")
        }
    }
}
