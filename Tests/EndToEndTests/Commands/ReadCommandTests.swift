import Foundation
import Testing
import TestGate

/// `login`, `accounts`, `contracts …` and `bars` run as a child process against the simulator.
@Suite("Read commands against the simulator", .gated)
struct ReadCommandTests {
    @Test func loginShowsTheExpiryAndNeverTheToken() async throws {
        try await SimulatorHarness.with { sim in
            let human = try await sim.run("login")
            #expect(human.status == 0, "\(human)")
            #expect(human.stdout.hasPrefix("Logged in as simtrader at \(sim.apiURL); the session token expires "), "\(human)")
            #expect(human.stdout.contains("(in 23h 59m)") || human.stdout.contains("(in 1d 0h)"), "\(human)")
            #expect(human.stderr.isEmpty)

            let json = try await sim.run("login", "--json")
            #expect(json.status == 0, "\(json)")
            let object = try #require(try json.jsonObjects().first)
            #expect(object["userName"] as? String == "simtrader")
            #expect(object["apiUrl"] as? String == sim.apiURL)
            #expect((object["expiresAt"] as? String)?.hasSuffix("Z") == true)
            #expect(Set(object.keys) == ["userName", "apiUrl", "expiresAt"])
            for output in [human.stdout, json.stdout] { #expect(!output.contains("eyJ"), "a JWT leaked: \(output)") }
        }
    }

    @Test func accountsListsActiveOnesUnlessAll() async throws {
        try await SimulatorHarness.with { sim in
            let human = try await sim.run("accounts")
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.first == "     ID  NAME                        BALANCE  CAN TRADE  SIMULATED")
            #expect(human.lines.contains("8101001  PRAC-V2-51342-73810925     50000.00  yes        yes"), "\(human)")
            #expect(human.lines.contains("8101005  LIVE-51342-90011273        25000.00  yes        no"), "\(human)")
            #expect(!human.stdout.contains(SimulatorHarness.breached.name))

            let all = try await sim.run("accounts", "--all")
            #expect(all.stdout.contains(SimulatorHarness.breached.name), "\(all)")
            #expect(all.lines.count == 6)

            let json = try await sim.run("accounts", "--json")
            let objects = try json.jsonObjects()
            #expect(objects.count == 4)
            #expect(objects.map { $0["id"] as? Int } == [8_101_001, 8_101_002, 8_101_003, 8_101_005])
            #expect(objects.last?["simulated"] as? Bool == false)
            #expect(objects.first?["name"] as? String == SimulatorHarness.practice.name)
            #expect(Set(objects[0].keys) == ["id", "name", "balance", "canTrade", "isVisible", "simulated"])
        }
    }

    @Test func contractsSearchShowAndAvailable() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let search = try await sim.run("contracts", "search", "MES")
            #expect(search.status == 0, "\(search)")
            #expect(search.lines.first?.hasPrefix("ID") == true)
            #expect(search.stdout.contains(mes))

            let searchJSON = try await sim.run("contracts", "search", "MES", "--json").jsonObjects()
            #expect(searchJSON.contains { $0["id"] as? String == mes })
            #expect(searchJSON.count <= 20)

            for reference in [mes, "MES", "mes"] {
                let shown = try await sim.run("contracts", "show", reference, "--json")
                #expect(shown.status == 0, "\(shown)")
                let objects = try shown.jsonObjects()
                #expect(objects.count == 1)
                #expect(objects.first?["id"] as? String == mes)
                #expect(objects.first?["tickSize"] as? Double == 0.25)
                #expect(objects.first?["symbolId"] as? String == "F.US.MES")
            }
            let human = try await sim.run("contracts", "show", "MES")
            #expect(human.lines.count == 2)
            #expect(human.lines[1].hasPrefix(mes))

            let available = try await sim.run("contracts", "available", "--json")
            #expect(available.status == 0)
            #expect(try available.jsonObjects().count == sim.simulator.core.catalog.available(live: false).count)
            #expect(try available.jsonObjects().allSatisfy { $0["activeContract"] as? Bool == true })

            let none = try await sim.run("contracts", "search", "ZZZZZZ")
            #expect(none.status == 0)
            #expect(none.stdout == "No contract matches \"ZZZZZZ\".\n")
            #expect(try await sim.run("contracts", "search", "ZZZZZZ", "--json").stdout.isEmpty)
        }
    }

    @Test func barsAreOldestFirstInTheWireForm() async throws {
        try await SimulatorHarness.with { sim in
            let human = try await sim.run("bars", "MES", "--unit", "minute", "--unit-number", "5", "--count", "5")
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.count == 6)
            #expect(human.lines.first?.hasPrefix("TIME      ") == true && human.lines.first?.hasSuffix("OPEN     HIGH      LOW    CLOSE  VOLUME") == true, "\(human)")
            // In the exchange's zone by default, named on every row.
            #expect(human.lines.dropFirst().allSatisfy { $0.dropFirst(20).hasPrefix("CST ") || $0.dropFirst(20).hasPrefix("CDT ") }, "\(human)")

            let json = try await sim.run("bars", "MES", "--unit", "minutes", "--unit-number", "5", "--count", "5", "--json")
            let bars = try json.jsonObjects()
            #expect(bars.count == 5)
            #expect(bars.allSatisfy { Set($0.keys).isSuperset(of: ["t", "o", "h", "l", "c", "v"]) })
            let times = bars.compactMap { $0["t"] as? String }
            #expect(times == times.sorted())
            #expect(bars.allSatisfy { ($0["l"] as? Double ?? 0) <= ($0["h"] as? Double ?? -1) })

            let window = try await sim.run("bars", try sim.contractId("MES"), "--unit", "hour", "--from", "2026-01-05", "--to", "2026-01-06", "--count", "100", "--json")
            #expect(window.status == 0, "\(window)")
            let hourly = try window.jsonObjects().compactMap { $0["t"] as? String }
            // Dates without an offset are days in the display zone: Chicago, UTC-6 in January.
            #expect(!hourly.isEmpty && hourly.allSatisfy { $0 >= "2026-01-05T06:00" && $0 < "2026-01-06T06:00:01" }, "\(hourly)")

            let badUnit = try await sim.run("bars", "MES", "--unit", "fortnight")
            #expect(badUnit.status == 64)
            let backwards = try await sim.run("bars", "MES", "--unit", "day", "--from", "2026-02-01", "--to", "2026-01-01")
            #expect(backwards.status == 64)
            #expect(backwards.stderr.contains("--from must be before --to"))
        }
    }
}
