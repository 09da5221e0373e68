import Foundation
import SignalR
import SignalRProtocol
import Testing
import TestGate

/// Short timers so that tests stay fast.
func interopOptions(token: String? = "good", provider: AccessTokenProvider? = nil) -> HubConnectionOptions {
    var options = HubConnectionOptions(accessTokenProvider: provider ?? { _ in token })
    options.handshakeTimeout = .seconds(20)
    options.keepAliveInterval = .seconds(1)
    options.serverTimeout = .seconds(10)
    options.closeTimeout = .milliseconds(500)
    options.connectTimeout = .seconds(20)
    return options
}

struct Payload: Codable, Sendable, Equatable {
    var n: Int
}

/// The Swift client against aiosignalr, an independent SignalR server (which sends JSON in
/// binary WebSocket frames).
// Five minutes: the first test of a fresh clone waits for the Python environment to be made (pip).
@Suite("aiosignalr: invocations, events, streams", .gated, .timeLimit(.minutes(5)))
struct AiosignalrInvocationTests {
    @Test("invoke with results, void, hub errors; send")
    func invocations() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            try await connection.start()
            #expect(connection.state.isConnected)
            #expect(connection.connectionId != nil)
            #expect(try await connection.invoke("Echo", "hello", returning: String.self) == "hello")
            #expect(try await connection.invoke("echo", Payload(n: 7), returning: Payload.self) == Payload(n: 7))
            #expect(try await connection.invoke("Add", 2, 40, returning: Int.self) == 42)
            try await connection.invoke("Push", "Nothing", 0)
            await #expect(throws: SignalRError.invocationFailed(method: "Fail", message: "boom")) {
                try await connection.invoke("Fail")
            }
            let raw = try await connection.invokeRaw("Echo", arguments: [RawJSON(validating: "[1,{\"a\":null}]")])
            #expect(raw?.text == "[1, {\"a\": null}]" || raw?.text == "[1,{\"a\":null}]")
            try await connection.send("Push", "Fired", 1)
            await connection.stop()
            #expect(connection.state == .disconnected(error: nil))
            await #expect(throws: SignalRError.notConnected) { try await connection.invoke("Echo", 1) }
        }
    }

    @Test("typed and raw event handlers, case-insensitive, several per method")
    func events() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            let typed = Recorder<(Int, Payload)>()
            let raw = Recorder<[RawJSON]>()
            connection.on("quote") { (index: Int, payload: Payload) in typed.append((index, payload)) }
            connection.onRaw("QUOTE") { arguments in raw.append(arguments) }
            try await connection.start()
            try await connection.invoke("Push", "Quote", 5)
            let received = await typed.wait(for: 5)
            #expect(received.map(\.0) == [0, 1, 2, 3, 4])
            #expect(received.map(\.1) == (0..<5).map { Payload(n: $0) })
            #expect(await raw.wait(for: 5).count == 5)
            await connection.stop()
        }
    }

    @Test("batched and split frames")
    func framing() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            let batched = Recorder<Int>()
            let split = Recorder<String>()
            connection.on("Batched") { (value: Int) in batched.append(value) }
            connection.on("Split") { (value: String) in split.append(value) }
            try await connection.start()
            try await connection.invoke("Batch", 50)
            try await connection.invoke("Split", "a-message-cut-in-three-frames")
            #expect(await batched.wait(for: 50) == Array(0..<50))
            #expect(await split.wait(for: 1) == ["a-message-cut-in-three-frames"])
            await connection.stop()
        }
    }

    @Test("streams complete, and cancelling one sends CancelInvocation")
    func streams() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            try await connection.start()
            var values: [Int] = []
            for try await value in try await connection.stream("Counter", 5, 0, of: Int.self) {
                values.append(value)
            }
            #expect(values == [0, 1, 2, 3, 4])

            var seen = 0
            for try await _ in try await connection.stream("Forever", of: Int.self) {
                seen += 1
                if seen == 3 { break }
            }
            #expect(await eventually { (try? await connection.invoke("WasCancelled", returning: Bool.self)) == true })

            // Dropping a stream without iterating it cancels it too.
            do {
                _ = try await connection.stream("Forever", of: Int.self)
            }
            #expect(await eventually { (try? await connection.invoke("WasCancelled", returning: Bool.self)) == true })
            await connection.stop()
        }
    }

    @Test("client results: a registered result handler answers, otherwise an error does")
    func clientResults() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            connection.onInvocation("GetValue", returning: String.self) { arguments in
                "client says " + (try arguments[0].decode(String.self))
            }
            try await connection.start()
            #expect(try await connection.invoke("AskClient", "hi", returning: String.self) == "client says hi")
            connection.off("GetValue")
            await #expect(throws: SignalRError.self) {
                try await connection.invoke("AskClient", "hi", returning: String.self)
            }
            await connection.stop()
        }
    }

    @Test("1 MiB messages both ways")
    func largeMessages() async throws {
        try await PythonHub.with { hub in
            let connection = HubConnection(url: hub.hubURL, options: interopOptions())
            try await connection.start()
            let size = 1 << 20
            let big = try await connection.invoke("Large", size, returning: String.self)
            #expect(big.count == size)
            let echoed = try await connection.invoke("Echo", big, returning: String.self)
            #expect(echoed == big)
            await connection.stop()
        }
    }

    @Test("a message over the maximum size closes the connection with a clear error")
    func tooLarge() async throws {
        try await PythonHub.with { hub in
            var options = interopOptions()
            options.maximumMessageSize = 64 << 10
            let connection = HubConnection(url: hub.hubURL, options: options)
            try await connection.start()
            let error = await #expect(throws: SignalRError.self) {
                try await connection.invoke("Large", 100_000, returning: String.self)
            }
            #expect("\(String(describing: error))".contains("maximum message size"))
            let expected = SignalRError.protocolViolation("A WebSocket message exceeded the maximum message size of 65536 bytes.")
            #expect(await eventually { connection.state == .disconnected(error: expected) })
        }
    }
}
