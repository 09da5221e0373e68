import Foundation
import NIOWebSocket
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Hubs: faults", .gated)
struct HubFaultTests {
    @Test func dropClosesTheSelectedHubWithoutACloseFrame() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let market = try await sim.connect("market", token: token)
            let user = try await sim.connect("user", token: token)
            #expect(try await market.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            #expect((try await sim.post("/admin/hubs/drop", ["hub": "market"])).status == 200)
            let ending = try await market.waitForClose()
            #expect(!ending.sawCloseFrame)
            #expect(!ending.messages.contains { if case .close = $0 { true } else { false } })
            #expect(try await user.call("SubscribeAccounts").outcome == .void, "the user hub is untouched")
            #expect(await sim.eventually { sim.core.feed.subscriberCount == 0 }, "subscriptions die with the connection")
            await user.close()
        }
    }

    @Test func closeWithAndWithoutAllowReconnect() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let first = try await sim.connect("market", token: token)
            let user = try await sim.connect("user", token: token)
            _ = try await sim.post("/admin/hubs/close", ["hub": "all", "allowReconnect": true, "error": "Server restarting"])
            for socket in [first, user] {
                let ending = try await socket.waitForClose()
                #expect(ending.sawCloseFrame && ending.code == 1000)
                #expect(ending.messages.last == .close(CloseMessage(error: "Server restarting", allowReconnect: true)))
            }
            let second = try await sim.connect("user", token: token)
            _ = try await sim.post("/admin/hubs/close", ["hub": "user", "allowReconnect": false])
            let ending = try await second.waitForClose()
            #expect(ending.messages.last == .close(CloseMessage(error: nil, allowReconnect: false)))
        }
    }

    @Test func stalledFeedSendsNothingButPingsAndKeepsTheSocket() async throws {
        try await withHubs(hub: { $0.hub.keepAliveInterval = .milliseconds(150) }) { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect(try await socket.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            _ = try await socket.nextInvocation("GatewayQuote")
            _ = try await sim.post("/admin/feed/stall")
            #expect(try await socket.call("SubscribeContractMarketDepth", ["\"\(esContract)\""], id: "2").outcome == .void)
            await sim.simulator.advanceMarket(steps: 50)
            // 150 ms keep-alive: Pings, and nothing else, go on during the freeze. Waiting for three
            // rather than counting a fixed window keeps this true on a loaded machine, where ticks
            // come late (a 1.5 s window under Thread Sanitizer once held one).
            let pings = try await socket.expectOnlyPings(3, within: .seconds(20))
            #expect(pings == 3, "Pings continue during the freeze")
            _ = try await sim.post("/admin/feed/resume")
            await sim.simulator.advanceMarket(steps: 50)
            let depth = try await socket.nextInvocation("GatewayDepth")
            let entries = try #require(jsonArguments(depth).last as? [[String: Any]])
            #expect(integer(entries.first?["type"]) == 6, "the depth subscribed during the freeze starts with a snapshot")
            #expect(await sim.simulator.setMarketPrice(contractId: esContract, price: 6_010))
            _ = try await socket.nextInvocation("GatewayQuote")
            await socket.close()
        }
    }

    @Test func splitFramesCutMessagesIntoSmallCompleteFrames() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            _ = try await sim.post("/admin/hubs/frames", ["mode": "split", "maxFrameBytes": 10])
            // Not `call`: it would read (and keep) the quote snapshot the frames below are about.
            try await socket.invoke("SubscribeContractQuotes", ["\"\(esContract)\""])
            var frames = 0
            var quote: InvocationMessage?
            let deadline = ContinuousClock.now + .seconds(15)
            while quote == nil {
                let frame = try await socket.nextFrame(before: deadline)
                guard frame.opcode == .text else { continue }
                #expect(frame.fin && frame.unmaskedData.readableBytes <= 10)
                frames += 1
                for record in try socket.feed(frame) {
                    if case .invocation(let invocation) = try JSONHubProtocol.decode(record), invocation.target == "GatewayQuote" {
                        quote = invocation
                    }
                }
            }
            #expect(frames > 20)
            #expect(jsonArguments(try #require(quote)).count == 2)
            await socket.close()
        }
    }

    @Test func fragmentedFramesUseContinuationFrames() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            _ = try await sim.post("/admin/hubs/frames", ["mode": "fragment", "maxFrameBytes": 32])
            // Not `call`: it would read (and keep) the quote snapshot the frames below are about.
            try await socket.invoke("SubscribeContractQuotes", ["\"\(esContract)\""])
            var opcodes: [WebSocketOpcode] = []
            var quote: InvocationMessage?
            let deadline = ContinuousClock.now + .seconds(15)
            while quote == nil {
                let frame = try await socket.nextFrame(before: deadline)
                guard frame.opcode == .text || frame.opcode == .continuation else { continue }
                opcodes.append(frame.opcode)
                for record in try socket.feed(frame) {
                    if case .invocation(let invocation) = try JSONHubProtocol.decode(record), invocation.target == "GatewayQuote" {
                        quote = invocation
                        #expect(frame.fin && frame.opcode == .continuation)
                    }
                }
            }
            #expect(opcodes.contains(.continuation))
            await socket.close()
        }
    }

    @Test func batchedFramesCarrySeveralMessages() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect(try await socket.call("SubscribeContractTrades", ["\"\(esContract)\""]).outcome == .void)
            _ = try await sim.post("/admin/hubs/frames", ["mode": "batch", "messagesPerFrame": 3])
            await sim.simulator.advanceMarket(steps: 200)
            var largest = 0
            var messages = 0
            let deadline = ContinuousClock.now + .seconds(15)
            while messages < 12 {
                let frame = try await socket.nextFrame(before: deadline)
                guard frame.opcode == .text else { continue }
                let records = try socket.feed(frame)
                largest = max(largest, records.count)
                messages += records.count
                #expect(records.count <= 3)
            }
            #expect(largest == 3)
            await socket.close()
        }
    }

    @Test func oversizedDepthSnapshotIsOneValidFrameOfAtLeastOneMebibyte() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            _ = try await sim.post("/admin/hubs/large-depth", ["bytes": 1 << 20])
            // Not `call`: it would read (and keep) the snapshot whose frame is checked below.
            try await socket.invoke("SubscribeContractMarketDepth", ["\"\(esContract)\""])
            let deadline = ContinuousClock.now + .seconds(15)
            var frame = try await socket.nextFrame(before: deadline)
            while frame.opcode != .text || frame.unmaskedData.readableBytes < 1 << 20 {
                frame = try await socket.nextFrame(before: deadline)
            }
            #expect(frame.fin)
            let records = try socket.feed(frame)
            #expect(records.count == 1)
            guard case .invocation(let depth) = try JSONHubProtocol.decode(try #require(records.first)) else {
                Issue.record("the large frame is not an invocation")
                return
            }
            #expect(depth.target == "GatewayDepth")
            let entries = try #require(jsonArguments(depth).last as? [[String: Any]])
            #expect(entries.count > 5_000)
            #expect(integer(entries.first?["type"]) == 6)
            #expect(entries.dropFirst(23).allSatisfy { integer($0["type"]) == 1 && integer($0["volume"]) == 0 })
            _ = try await sim.post("/admin/hubs/large-depth", ["bytes": 0])
            await socket.close()
        }
    }

    @Test func expireAllClosesWithAllowReconnectAndNoLogout() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let market = try await sim.connect("market", token: token)
            let user = try await sim.connect("user", token: token)
            _ = try await sim.post("/admin/tokens/expire-all")
            for socket in [market, user] {
                let ending = try await socket.waitForClose(timeout: .seconds(2))
                #expect(ending.messages.filter { $0 != .ping } == [.close(CloseMessage(error: nil, allowReconnect: true))])
            }
            guard case .refused(let status, _) = try await sim.upgrade("market", token: token) else {
                Issue.record("the expired token reconnected")
                return
            }
            #expect(status == 401)
            let fresh = try await sim.connect("market", token: try await sim.login())
            await fresh.close()
        }
    }

    @Test func tokenExpiryClosesTheConnectionAtExp() async throws {
        try await withHubs({ $0.tokenLifetime = 600 }) { sim in
            let socket = try await sim.connect("user", token: try await sim.login())
            sim.clock.advance(by: 599)
            try await socket.expectNoMessage(for: .milliseconds(200))
            sim.clock.advance(by: 1)
            let ending = try await socket.waitForClose(timeout: .seconds(2))
            #expect(ending.messages.filter { $0 != .ping } == [.close(CloseMessage(error: nil, allowReconnect: true))])
        }
    }

    @Test func revokeAllSendsGatewayLogoutThenCloses() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let market = try await sim.connect("market", token: token)
            let user = try await sim.connect("user", token: token)
            _ = try await sim.post("/admin/tokens/revoke-all")
            for socket in [market, user] {
                let ending = try await socket.waitForClose(timeout: .seconds(2))
                // A keep-alive Ping may come first under load; it is not part of the ending.
                let messages = ending.messages.filter { $0 != .ping }
                #expect(messages.count == 2)
                guard case .invocation(let logout) = messages.first else {
                    Issue.record("no GatewayLogout before the close")
                    continue
                }
                #expect(logout.target == "GatewayLogout" && logout.invocationId == nil)
                #expect(jsonArguments(logout).count == 1 && jsonArguments(logout).first is String)
                #expect(messages.last == .close(CloseMessage(error: nil, allowReconnect: true)))
            }
        }
    }

    @Test func logoutEndsOnlyThatTokensConnections() async throws {
        try await withHubs { sim in
            let leaving = try await sim.login()
            let staying = try await sim.login()
            let gone = try await sim.connect("market", token: leaving)
            let kept = try await sim.connect("market", token: staying)
            #expect((try await sim.post("/api/Auth/logout", token: leaving)).json["success"] as? Bool == true)
            let ending = try await gone.waitForClose(timeout: .seconds(2))
            let messages = ending.messages.filter { $0 != .ping }
            #expect(messages.count == 2, "\(ending.messages)")
            if case .invocation(let logout) = messages.first { #expect(logout.target == "GatewayLogout") }
            #expect(try await kept.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            await kept.close()
        }
    }

    @Test func startupFaultsComeFromTheConfiguration() async throws {
        try await withHubs({ $0.initialFaults.refusedUpgrades = 1; $0.initialFaults.frameMode = .batch(messagesPerFrame: 2) }) { sim in
            let token = try await sim.login()
            guard case .refused(let status, _) = try await sim.upgrade("market", token: token) else {
                Issue.record("the configured refusal did not happen")
                return
            }
            #expect(status == 401)
            let socket = try await sim.connect("market", token: token)
            #expect(try await socket.call("SubscribeContractTrades", ["\"\(esContract)\""]).outcome == .void)
            #expect(socket.channel.isActive)
            #expect(sim.hubs.marketHub?.connections.first?.framing == .batch(maxMessages: 2))
            await socket.close()
        }
    }
}
