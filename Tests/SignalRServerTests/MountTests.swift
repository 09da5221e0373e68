import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import SignalRProtocol
import SignalRServer
import Testing
import RawHubClient
import TestGate

@Suite("Mounting next to REST routes", .gated)
struct MountTests {
    @Test("two hubs and REST routes share one Application and port")
    func twoHubsAndRest() async throws {
        let router = Router()
        router.get("/api/ping") { _, _ in "pong" }
        router.post("/api/echo") { request, _ -> String in
            String(buffer: try await request.body.collect(upTo: 1024))
        }
        let upgrades = HubUpgradeRouter()
        let user = HubFixture.makeHub()
        let market = HubServer(name: "market", configuration: HubFixture.fastConfiguration())
        market.on("Where") { _ in try RawJSON(encoding: "market") }
        user.mount(at: "/hubs/user", on: router, upgrades: upgrades)
        market.mount(at: "/hubs/market/", on: router, upgrades: upgrades)

        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: .http1WithHubs(upgrades),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: StandaloneHubHost.quietLogger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())

            let ping = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/ping"), timeout: .seconds(5))
            #expect(ping.status == .ok)
            #expect(String(buffer: try await ping.body.collect(upTo: 1024)) == "pong")

            var echo = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/echo")
            echo.method = .POST
            echo.body = .bytes(ByteBuffer(string: "GET /hubs/user HTTP/1.1\r\nUpgrade: websocket\r\n\r\n"))
            let echoed = try await HTTPClient.shared.execute(echo, timeout: .seconds(5))
            #expect(String(buffer: try await echoed.body.collect(upTo: 1024)).hasPrefix("GET /hubs/user"))

            var negotiate = HTTPClientRequest(url: "http://127.0.0.1:\(port)/hubs/market/negotiate?negotiateVersion=1")
            negotiate.method = .POST
            let negotiated = try await HTTPClient.shared.execute(negotiate, timeout: .seconds(5))
            let body = try await negotiated.body.collect(upTo: 4096)
            guard case .connection(let connection) = try NegotiateResponse.decode(Array(body.readableBytesView)[...]) else {
                Issue.record("no connection")
                return
            }

            let marketSocket = try await RawHubSocket.handshaken(port: port, target: "/hubs/market?id=\(connection.transportId)")
            try await marketSocket.invoke("Where")
            #expect(try await marketSocket.nextMessage() == .completion(.init(invocationId: "1", outcome: .result(try RawJSON(encoding: "market")))))

            let userSocket = try await RawHubSocket.handshaken(port: port, target: "/hubs/user/")
            try await userSocket.invoke("Where")
            #expect(try await userSocket.nextMessage() == .completion(.init(invocationId: "1", outcome: .error("Unknown hub method 'Where'"))))
            #expect(user.connectionCount == 1)
            #expect(market.connectionCount == 1)

            // The market hub's token is unknown to the user hub.
            guard case .refused(let status, _) = try await RawHubSocket.connect(port: port, target: "/hubs/user?id=\(connection.transportId)") else {
                Issue.record("cross-hub id accepted")
                return
            }
            #expect(status == 404)

            // A WebSocket upgrade to a path with no hub is the router's business.
            let stray = try await RawHTTP.status(
                port: port,
                request: "GET /api/ping HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            )
            #expect(stray == 200)

            await marketSocket.close()
            await userSocket.close()
            group.cancelAll()
        }
    }

    @Test("a hub upgrade on a connection that already served HTTP is redirected to a new connection")
    func upgradeAfterKeepAliveRequest() async throws {
        try await HubFixture.withHub(HubFixture.makeHub()) { port in
            let request =
                "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /hub HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            let statuses = try await RawHTTP.statuses(port: port, request: request, count: 2)
            #expect(statuses == [404, 307])
        }
    }
}
