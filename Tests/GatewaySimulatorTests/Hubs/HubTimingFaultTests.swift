import Foundation
import RawHubClient
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import TestGate

/// The timing faults: a flapping hub (every new connection dropped after its handshake) and
/// subscriptions answered late, switched by the admin API.
@Suite("Hubs: timing faults", .gated)
struct HubTimingFaultTests {
    @Test func dropNewDropsEveryNewConnectionOfTheSelectedHubAndCountsThem() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let before = try await sim.connect("market", token: token)
            #expect((try await sim.post("/admin/hubs/drop-new", ["hub": "market"])).status == 200)
            #expect(sim.core.faults.hubTimingFaults.droppedNewConnections == .market)
            for _ in 0..<3 {
                // The handshake may or may not get out before the drop; the socket ends either way.
                let dropped = try await RawHubSocket.connect(port: sim.port, target: HubHarness.target("market", token: token))
                guard case .upgraded(let socket) = dropped else {
                    Issue.record("the upgrade itself is not refused")
                    continue
                }
                try await socket.sendText("{\"protocol\":\"json\",\"version\":1}\u{1e}")
                #expect(!(try await socket.waitForClose(echo: false)).sawCloseFrame)
            }
            #expect(await sim.eventually { sim.core.faults.hubTimingFaults.droppedConnectionCount == 3 })
            let user = try await sim.connect("user", token: token)
            #expect(try await user.call("SubscribeAccounts").outcome == .void, "the user hub is untouched")
            #expect(try await before.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void, "connections made before stay")
            #expect((try await sim.post("/admin/hubs/drop-new", ["hub": "none"])).status == 200)
            let after = try await sim.connect("market", token: token)
            #expect(try await after.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            #expect((try await sim.post("/admin/hubs/drop-new", ["hub": "sideways"])).status == 400)
        }
    }

    @Test func subscriptionDelayHoldsTheAnswerAndTheSubscription() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect((try await sim.post("/admin/hubs/subscription-delay", ["seconds": 0.5])).status == 200)
            #expect(sim.core.faults.hubTimingFaults.subscriptionAnswerDelay == .milliseconds(500))
            let started = ContinuousClock.now
            #expect(try await socket.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            #expect(ContinuousClock.now - started >= .milliseconds(500), "answered after the delay")
            #expect((try await sim.post("/admin/hubs/subscription-delay", ["seconds": -1])).status == 400)
            #expect((try await sim.post("/admin/hubs/subscription-delay", [:])).status == 200)
            #expect(sim.core.faults.hubTimingFaults.subscriptionAnswerDelay == nil)
            // Reset clears both switches.
            sim.core.faults.dropNewHubConnections(.all)
            _ = try await sim.post("/admin/faults/reset")
            #expect(sim.core.faults.hubTimingFaults == HubTimingFaults())
        }
    }
}
