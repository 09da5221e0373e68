import Foundation
import SignalR
import SignalRServer
import Testing
import TestGate

/// URL schemes and TLS wiring.
// Five minutes: the time a test waits for its turn at the ConcurrencyGate counts toward the limit.
@Suite("SignalRServer: URL schemes and TLS", .gated, .timeLimit(.minutes(5)))
struct ServerTransportTests {
    @Test("a ws:// hub URL negotiates over http and connects over ws")
    func webSocketScheme() async throws {
        try await ServerFixture.with { _, url in
            let wsURL = try #require(URL(string: url.absoluteString.replacingOccurrences(of: "http://", with: "ws://")))
            let connection = HubConnection(url: wsURL, options: loopbackOptions())
            try await connection.start()
            #expect(connection.connectionId != nil)
            #expect(try await connection.invoke("Add", 1, 2, returning: Int.self) == 3)
            await connection.stop()
        }
    }

    /// A plain HTTP server never answers a TLS ClientHello, so the attempt ends with the connect
    /// timeout (or a TLS error), never with a connection: TLS is really used for wss and https.
    @Test("wss and https speak TLS: against a plain-text server the attempt fails within the connect timeout")
    func tlsIsUsed() async throws {
        try await ServerFixture.with { _, url in
            let port = try #require(url.port)
            var options = loopbackOptions()
            options.skipNegotiation = true
            options.connectTimeout = .milliseconds(500)
            options.negotiateTimeout = .milliseconds(500)
            let wss = HubConnection(url: try #require(URL(string: "wss://127.0.0.1:\(port)/hub")), options: options)
            let error = await #expect(throws: SignalRError.self) { try await wss.start() }
            #expect(Self.isTLSFailure(error, at: .webSocketUpgrade), "\(String(describing: error))")
            options.skipNegotiation = false
            let https = HubConnection(url: try #require(URL(string: "https://127.0.0.1:\(port)/hub")), options: options)
            let negotiateError = await #expect(throws: SignalRError.self) { try await https.start() }
            #expect(Self.isTLSFailure(negotiateError, at: .negotiate), "\(String(describing: negotiateError))")
        }
    }

    static func isTLSFailure(_ error: SignalRError?, at expected: ConnectPhase) -> Bool {
        switch error {
        case .transportFailed(let phase, _)?, .connectTimeout(let phase)?: phase == expected
        default: false
        }
    }

    @Test("an unusable URL fails start() with a clear error")
    func invalidURL() async throws {
        let connection = HubConnection(url: try #require(URL(string: "ftp://example.com/hub?access_token=secret")))
        let error = await #expect(throws: SignalRError.self) { try await connection.start() }
        #expect(!String(describing: error).contains("secret"))
        #expect(!connection.url.contains("secret"))
    }
}
