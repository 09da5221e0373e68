import Foundation
import Testing
import TestGate

/// The REST commands that complete the set: `order show` (Order/searchById), `orders` with
/// filters and pages (Order/v2/query), `logout` (Auth/logout) and `ping` (Status/ping).
@Suite("Order show, order queries, logout and ping", .gated)
struct GatewayOperationTests {
    func place(_ sim: SimulatorHarness, _ arguments: String...) async throws -> Int {
        let result = try await ProcessRunner.run(
            ["order", "place", "--account", SimulatorHarness.practice.name, "--json"] + arguments, environment: sim.environment
        )
        #expect(result.status == 0, "\(result)")
        return try #require(try result.jsonObjects().first?["orderId"] as? Int)
    }

    @Test func orderShowFindsOneOrder() async throws {
        try await SimulatorHarness.with { sim in
            let id = try await place(sim, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "2", "--tag", "show-me")
            let json = try await sim.run("order", "show", "--account", SimulatorHarness.practice.name, String(id), "--json")
            #expect(json.status == 0, "\(json)")
            let order = try #require(try json.jsonObjects().first)
            #expect(order["id"] as? Int == id)
            #expect(order["status"] as? Int == 1)
            #expect(order["limitPrice"] as? Double == 100)
            #expect(order["customTag"] as? String == "show-me")

            let human = try await sim.run("order", "show", "--account", String(SimulatorHarness.practice.id), String(id))
            #expect(human.status == 0)
            #expect(human.lines.count == 2)
            #expect(human.lines[1].hasPrefix(String(id)) && human.lines[1].contains("open") && human.lines[1].contains("show-me"), "\(human)")

            let missing = try await sim.run("order", "show", "--account", SimulatorHarness.practice.name, "42")
            #expect(missing.status == 65, "\(missing)")
            #expect(missing.stderr.hasPrefix("error: Order/searchById was refused: "), "\(missing)")
        }
    }

    @Test func ordersFiltersByStatusAndContractAndPages() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            var open: [Int] = []
            for price in ["100", "101", "102"] {
                open.append(try await place(sim, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", price, "--size", "1"))
            }
            let other = try await place(sim, "--contract", "MNQ", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1")
            let filled = try await place(sim, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1")

            let openMES = try await sim.run("orders", "--account", SimulatorHarness.practice.name, "--status", "open", "--contract", "MES", "--json")
            #expect(openMES.status == 0, "\(openMES)")
            let ids = try openMES.jsonObjects().compactMap { $0["id"] as? Int }
            #expect(Set(ids) == Set(open), "\(openMES)")
            #expect(try openMES.jsonObjects().allSatisfy { $0["contractId"] as? String == mes })
            #expect(openMES.stderr == "Page 1 of 1: orders 1-3 of 3.\n", "\(openMES)")

            let both = try await sim.run("orders", "--account", SimulatorHarness.practice.name, "--status", "open,filled", "--json")
            #expect(Set(try both.jsonObjects().compactMap { $0["id"] as? Int }) == Set(open + [other, filled]))

            let page = try await sim.run("orders", "--account", SimulatorHarness.practice.name, "--status", "open", "--status", "filled", "--page-size", "2", "--page", "2", "--json")
            #expect(page.status == 0, "\(page)")
            #expect(try page.jsonObjects().count == 2)
            #expect(page.stderr == "Page 2 of 3: orders 3-4 of 5; next: --page 3.\n", "\(page)")

            let human = try await sim.run("orders", "--account", SimulatorHarness.practice.name, "--status", "filled")
            #expect(human.lines.count == 2, "\(human)")
            #expect(human.lines[1].hasPrefix(String(filled)) && human.lines[1].contains("filled"))

            let past = try await sim.run("orders", "--account", SimulatorHarness.practice.name, "--status", "filled", "--page", "9")
            #expect(past.stdout == "No orders on \(SimulatorHarness.practice.name) match.\n")
            #expect(past.stderr == "Page 9 is past the end: 1 order in 1 page of 100.\n", "\(past)")

            for bad in [["--status", "sideways"], ["--open", "--status", "open"], ["--page", "0"], ["--page-size", "5000"]] {
                let result = try await ProcessRunner.run(["orders", "--account", "8101001"] + bad, environment: sim.environment)
                #expect(result.status == 64, "\(result)")
            }
        }
    }

    @Test func logoutRevokesTheToken() async throws {
        try await SimulatorHarness.with { sim in
            let human = try await sim.run("logout")
            #expect(human.status == 0, "\(human)")
            #expect(human.stdout == "Logged out of \(sim.apiURL): the session token is no longer accepted.\n")
            #expect(await sim.simulator.core.tokens.liveTokenCount == 0)

            let json = try await sim.run("logout", "--json")
            #expect(json.status == 0)
            let object = try #require(try json.jsonObjects().first)
            #expect(object["action"] as? String == "logout")
            #expect(object["success"] as? Bool == true)
            #expect(!json.stdout.contains("eyJ"))
        }
    }

    @Test func pingNeedsNoCredentials() async throws {
        try await SimulatorHarness.with { sim in
            let anonymous = ["PROJECTX_USERNAME": "", "PROJECTX_API_KEY": ""]
            let human = try await sim.run("ping", environment: anonymous)
            #expect(human.status == 0, "\(human)")
            #expect(human.stdout.hasPrefix("The gateway at \(sim.apiURL) answered pong in "), "\(human)")

            let json = try await sim.run("ping", "--json", environment: anonymous)
            let object = try #require(try json.jsonObjects().first)
            #expect(object["pong"] as? Bool == true)
            #expect(object["apiUrl"] as? String == sim.apiURL)
            #expect(object["milliseconds"] is Double)
            #expect(await sim.simulator.core.tokens.liveTokenCount == 0, "ping never logs in")

            let down = try await ProcessRunner.run(["ping", "--api-url", "http://127.0.0.1:1"], environment: ["PATH": "/usr/bin:/bin", "HOME": sim.home.path])
            #expect(down.status == 69, "\(down)")
            #expect(down.stderr.hasPrefix("error: Cannot reach the gateway at http://127.0.0.1:1"), "\(down)")
        }
    }
}
