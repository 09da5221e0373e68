import Foundation
import SignalR
import SignalRProtocol
import SignalRServer
import Testing
import TestGate

struct Numbered: Codable, Sendable, Equatable {
    var n: Int
}

/// The client against SignalRServer: calls, events, streams, framing faults, large messages.
// Five minutes: the time a test waits for its turn at the ConcurrencyGate counts toward the limit.
@Suite("SignalRServer: invocations, events, streams, framing", .gated, .timeLimit(.minutes(5)))
struct ServerInvocationTests {
    @Test("invoke with results, void and hub errors; send; string invocation ids")
    func invocations() async throws {
        try await ServerFixture.with { _, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            try await connection.start()
            #expect(try await connection.invoke("Echo", "hi", returning: String.self) == "hi")
            #expect(try await connection.invoke("add", 40, 2, returning: Int.self) == 42)
            #expect(try await connection.invoke("Echo", Numbered(n: 3), returning: Numbered.self) == Numbered(n: 3))
            try await connection.invoke("Push", "Nothing", 0)
            let failure = await #expect(throws: SignalRError.self) { try await connection.invoke("Fail") }
            if case .invocationFailed(let method, let message)? = failure {
                #expect(method == "Fail")
                #expect(message.contains("boom"))
            } else {
                Issue.record("expected invocationFailed, got \(String(describing: failure))")
            }
            await #expect(throws: SignalRError.self) { try await connection.invoke("NoSuchMethod") }
            await #expect(throws: SignalRError.decodingFailed("The result of 'Echo' is not a Int: Expected to decode Int but found a string instead.")) {
                try await connection.invoke("Echo", "text", returning: Int.self)
            }
            try await connection.send("Push", "Nothing", 1)
            await connection.stop()
        }
    }

    @Test("events reach typed and raw handlers in order; off removes them")
    func events() async throws {
        try await ServerFixture.with { hub, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            let typed = Collected<Int>()
            let pairs = Collected<Numbered>()
            let triples = Collected<String>()
            let registration = connection.on("Tick") { (index: Int, payload: Numbered) in
                typed.append(index)
                pairs.append(payload)
            }
            connection.on("Three") { (a: String, b: Int, c: Bool) in triples.append("\(a)\(b)\(c)") }
            try await connection.start()
            try await connection.invoke("Push", "TICK", 20)
            #expect(await typed.wait(for: 20) == Array(0..<20))
            #expect(pairs.all.last == Numbered(n: 19))
            let id = try #require(connection.connectionId)
            #expect(hub.send("three", [try RawJSON(encoding: "x"), try RawJSON(encoding: 1), try RawJSON(encoding: true)], toConnection: id))
            #expect(await triples.wait(for: 1) == ["x1true"])
            connection.off(registration)
            try await connection.invoke("Push", "Tick", 3)
            try await Task.sleep(for: .milliseconds(100))
            #expect(typed.all.count == 20)
            await connection.stop()
        }
    }

    @Test("streams: items then completion; cancelling sends CancelInvocation and the server stops")
    func streams() async throws {
        try await ServerFixture.with { _, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            try await connection.start()
            var items: [Int] = []
            for try await item in try await connection.stream("Counter", 4, of: Int.self) { items.append(item) }
            #expect(items == [0, 1, 2, 3])
            let forever = try await connection.stream("Forever", of: Int.self)
            var seen: [Int] = []
            for try await item in forever {
                seen.append(item)
                if seen.count == 3 { break }
            }
            #expect(seen == [0, 1, 2])
            // The connection stays usable after a cancelled stream.
            #expect(try await connection.invoke("Add", 1, 2, returning: Int.self) == 3)
            await connection.stop()
        }
    }

    @Test("split, fragmented and batched frames", arguments: [HubFraming.split(maxFrameBytes: 7), .fragment(maxFrameBytes: 10), .batch(maxMessages: 5)])
    func framing(_ framing: HubFraming) async throws {
        try await ServerFixture.with { hub, url in
            hub.setFraming(framing)
            let connection = HubConnection(url: url, options: loopbackOptions())
            let received = Collected<Int>()
            connection.on("Tick") { (index: Int, _: Numbered) in received.append(index) }
            try await connection.start()
            try await connection.invoke("Push", "Tick", 25)
            #expect(await received.wait(for: 25) == Array(0..<25))
            #expect(try await connection.invoke("Echo", "après ünïcode ✓", returning: String.self) == "après ünïcode ✓")
            await connection.stop()
        }
    }

    @Test("1 MiB messages arrive and can be sent")
    func largeMessages() async throws {
        try await ServerFixture.with { hub, url in
            let connection = HubConnection(url: url, options: loopbackOptions())
            let sizes = Collected<Int>()
            connection.onRaw("LargeMessage") { arguments in sizes.append(arguments.reduce(0) { $0 + $1.bytes.count }) }
            try await connection.start()
            let id = try #require(connection.connectionId)
            #expect(hub.connection(id: id)?.sendPadded(totalBytes: 1 << 20) == true)
            #expect(await sizes.wait(for: 1).first ?? 0 > 1_000_000)
            let big = String(repeating: "y", count: 1 << 20)
            #expect(try await connection.invoke("Echo", big, returning: String.self) == big)
            await connection.stop()
        }
    }

    @Test("a message in more fragments than allowed is a protocol error, not a memory sink")
    func endlessFragments() async throws {
        try await ServerFixture.with { hub, url in
            var options = loopbackOptions()
            options.maximumMessageSize = 64 << 10
            let connection = HubConnection(url: url, options: options)
            try await connection.start()
            let id = try #require(connection.connectionId)
            // 3,000 one-byte fragments: past the limit of 1,024 per message that a 64 KiB maximum
            // message size gives (with Int.max, a server could send empty fragments forever).
            hub.connection(id: id)?.setFraming(.fragment(maxFrameBytes: 1))
            #expect(hub.connection(id: id)?.sendPadded(totalBytes: 3_000) == true)
            #expect(await waitUntil(timeout: .seconds(30)) {
                if case .disconnected(let error?) = connection.state { return "\(error)".contains("fragments") }
                return false
            }, "\(connection.state)")
        }
    }
}
