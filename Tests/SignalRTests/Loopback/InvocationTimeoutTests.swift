import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

/// Invocation timeouts against SignalRServer: the option, the per-call override, and a late
/// Completion that must not disturb anything.
// Five minutes: the time a test waits for its turn at the ConcurrencyGate counts toward the limit.
@Suite("Invocation timeouts", .gated, .timeLimit(.minutes(5)))
struct InvocationTimeoutTests {
    /// The fixture's hub plus `Slow(milliseconds)`, which answers its argument after that long.
    static func slowHub() -> HubServer {
        let hub = ServerFixture.makeHub()
        hub.on("Slow") { call in
            let milliseconds = try call.argument(0, as: Int.self)
            try await Task.sleep(for: .milliseconds(milliseconds))
            return try RawJSON(encoding: milliseconds)
        }
        return hub
    }

    @Test("a call without an answer in time fails with invocationTimedOut; a late Completion is dropped")
    func perCallTimeout() async throws {
        try await ServerFixture.with(Self.slowHub()) { _, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            try await connection.start()
            let started = ContinuousClock.now
            let error = await #expect(throws: SignalRError.self) {
                try await connection.invoke("Slow", 1500, returning: Int.self, timeout: .milliseconds(100))
            }
            #expect(error == .invocationTimedOut(method: "Slow", timeout: .milliseconds(100)))
            #expect(ContinuousClock.now - started >= .milliseconds(100))
            #expect("\(error.map { "\($0)" } ?? "")".contains("'Slow' within 100 ms"))
            // The server answers invocations in order: Echo's answer comes after Slow's late one,
            // which the client must drop without confusing it with Echo's.
            #expect(try await connection.invoke("Echo", "after", returning: String.self) == "after")
            #expect(connection.state.isConnected, "a timeout does not end the connection")
            await connection.stop()
        }
    }

    @Test("the option applies to every call; a call's own timeout overrides it")
    func optionAndOverride() async throws {
        try await ServerFixture.with(Self.slowHub()) { _, url in
            var options = loopbackOptions()
            options.invocationTimeout = .milliseconds(150)
            let connection = HubConnection(url: url, options: options)
            try await connection.start()
            await #expect(throws: SignalRError.invocationTimedOut(method: "Slow", timeout: .milliseconds(150))) {
                try await connection.invoke("Slow", 1000)
            }
            // Generous on a loaded machine: the override must let a 300 ms answer through.
            #expect(try await connection.invoke("Slow", 300, returning: Int.self, timeout: .seconds(30)) == 300)
            #expect(try await connection.invokeRaw("Echo", arguments: [try RawJSON(encoding: 7)], timeout: .seconds(30)) == (try RawJSON(encoding: 7)))
            await connection.stop()
        }
    }

    @Test("without a timeout a slow answer is awaited")
    func noTimeoutByDefault() async throws {
        #expect(HubConnectionOptions().invocationTimeout == nil)
        try await ServerFixture.with(Self.slowHub()) { _, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            try await connection.start()
            #expect(try await connection.invoke("Slow", 400, returning: Int.self) == 400)
            await connection.stop()
        }
    }
}
