import Foundation
import SignalR
import SignalRProtocol
import Testing
import TestGate

/// Negotiate versions and close codes against aiosignalr.
// Five minutes: the first test of a fresh clone waits for the Python environment to be made (pip).
@Suite("aiosignalr: negotiate versions, close codes", .gated, .timeLimit(.minutes(5)))
struct AiosignalrNegotiateTests {
    @Test("a version-0 negotiate answer connects with the connectionId as id")
    func negotiateVersion0() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.url("/hub?v0=1"), options: interopOptions())
            try await connection.start()
            #expect(connection.connectionId != nil)
            #expect(try await connection.invoke("Echo", "v0", returning: String.self) == "v0")
            await connection.stop()
        }
    }

    @Test("an old ASP.NET SignalR server is detected")
    func oldServer() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.url("/old"), options: interopOptions())
            await #expect(throws: SignalRError.negotiateFailed(NegotiateResponse.aspNetSignalRMessage)) { try await connection.start() }
        }
    }

    @Test("a close code other than 1000 is an error with the code and reason")
    func closeCode() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            try await connection.start()
            try? await connection.invoke("CloseSocket", 4001, "custom reason")
            let expected = SignalRError.connectionClosed(code: 4001, reason: "custom reason")
            #expect(await eventually { connection.state == .disconnected(error: expected) })
            #expect(expected.description == "WebSocket closed with status code: 4001 (custom reason).")
        }
    }
}
