import Foundation
import GatewaySimulator
import Testing
import TestGate

/// `quote`, `trades`, `depth` and `watch` as child processes against a simulator whose market
/// moves every 40 ms: human and JSON output, `--count`, Ctrl-C, and fatal hub failures.
@Suite("Streaming commands", .gated)
struct StreamCommandTests {
    static func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CommandResult.NotJSON(line: line)
            }
            return object
        }
    }

    @Test func quoteHumanAndJSON() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let human = try await sim.run("quote", "MES", "--count", "3")
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.count == 4, "\(human)")
            #expect(human.lines.first == "\(exchangeTimeHeading)CONTRACT       LAST          BID          ASK  CHANGE")
            for line in human.lines.dropFirst() {
                #expect(line.contains("  MESZ6  "), "\(line)")
                #expect(line.range(of: #"^\d\d:\d\d:\d\d\.\d\d\d  MESZ6 +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d  [+-]?\d+\.\d\d \([+-]?\d+\.\d\d%\)$"#, options: .regularExpression) != nil, "\(line)")
            }
            #expect(human.stderr.isEmpty, "\(human)")

            let json = try await sim.run("quote", "MES", "ES", "--count", "4", "--json")
            #expect(json.status == 0, "\(json)")
            let objects = try json.jsonObjects()
            #expect(objects.count == 4)
            let ids = try Set([sim.contractId("MES"), sim.contractId("ES")])
            for object in objects {
                #expect(object["type"] as? String == "quote")
                #expect(ids.contains(object["contractId"] as? String ?? ""))
                let quote = try #require(object["quote"] as? [String: Any])
                #expect(quote["lastPrice"] is Double)
                #expect(quote["bestBid"] is Double && quote["bestAsk"] is Double)
                #expect((object["time"] as? String)?.hasSuffix("Z") == true)
            }
            #expect(Set(objects.compactMap { $0["contract"] as? String }).isSubset(of: ["MESZ6", "ESZ6"]))
        }
    }

    @Test func tradesHumanAndJSON() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let human = try await sim.run("trades", "MES", "--count", "3")
            #expect(human.status == 0, "\(human)")
            #expect(human.lines.count == 4, "\(human)")
            #expect(human.lines.first == "\(exchangeTimeHeading)CONTRACT  SIDE  SIZE        PRICE")
            for line in human.lines.dropFirst() {
                #expect(line.range(of: #"^\d\d:\d\d:\d\d\.\d\d\d  MESZ6     (buy |sell) +\d+ +\d+\.\d\d$"#, options: .regularExpression) != nil, "\(line)")
            }

            let json = try await sim.run("trades", "MES", "--count", "5", "--json")
            #expect(json.status == 0, "\(json)")
            let objects = try json.jsonObjects()
            #expect(objects.count == 5)
            for object in objects {
                #expect(object["type"] as? String == "trade")
                let trade = try #require(object["trade"] as? [String: Any])
                #expect([0, 1].contains(trade["type"] as? Int ?? -1))
                #expect((trade["volume"] as? Int ?? 0) >= 1)
                #expect(trade["price"] is Double)
            }
        }
    }

    @Test func depthPrintsSnapshotsWhenNotATerminal() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let human = try await sim.run("depth", "MES", "--levels", "3", "--count", "2")
            #expect(human.status == 0, "\(human)")
            let blocks = human.stdout.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(blocks.count == 2, "\(human)")
            for block in blocks {
                let lines = block.split(separator: "\n").map(String.init)
                #expect(lines.count == 9, "\(block)")   // title, header, 3 asks, spread, 3 bids
                #expect(lines.first?.hasPrefix("MESZ6 depth at ") == true)
                #expect(lines[1] == "    BID       PRICE    ASK")
                #expect(lines[5].contains(" spread 0.25 (1 tick) "), "\(lines[5])")
                #expect(!block.contains("\u{1B}"), "no escape sequences without a terminal")
            }

            let json = try await sim.run("depth", "MES", "--levels", "4", "--count", "3", "--json")
            #expect(json.status == 0, "\(json)")
            let objects = try json.jsonObjects()
            #expect(objects.count == 3)
            for object in objects {
                #expect(object["type"] as? String == "depth")
                let book = try #require(object["book"] as? [String: Any])
                #expect(book["valid"] as? Bool == true)
                let bids = try #require(book["bids"] as? [[String: Any]])
                let asks = try #require(book["asks"] as? [[String: Any]])
                #expect(bids.count == 4 && asks.count == 4)
                let bestBid = try #require(bids.first?["price"] as? Double)
                let bestAsk = try #require(asks.first?["price"] as? Double)
                #expect(bestBid < bestAsk)
                #expect(book["spread"] as? Double == bestAsk - bestBid)
            }
        }
    }

    @Test func watchSeesAnOrderPlacedOverREST() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let watch = try StreamingProcess.start(
                ["watch", "--account", SimulatorHarness.practice.name, "--count", "4", "--json"], environment: sim.environment
            )
            let ready = await watch.stderrLine(containing: "Watching \(SimulatorHarness.practice.name)")
            #expect(ready != nil)
            let placed = try await sim.run(
                "order", "place", "--account", SimulatorHarness.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1", "--json"
            )
            #expect(placed.status == 0, "\(placed)")
            let orderId = try #require(try placed.jsonObjects().first?["orderId"] as? Int)
            let objects = try Self.objects(await watch.remainingLines())
            #expect(await watch.exitStatus() == 0)
            #expect(objects.count == 4, "\(objects)")
            let types = objects.compactMap { $0["type"] as? String }
            #expect(types.first == "order", "\(types)")
            #expect(types.contains("fill") && types.contains("position"), "\(types)")
            let orders = objects.compactMap { $0["order"] as? [String: Any] }
            #expect(orders.allSatisfy { $0["id"] as? Int == orderId })
            let fill = try #require(objects.first { $0["type"] as? String == "fill" }?["fill"] as? [String: Any])
            #expect(fill["orderId"] as? Int == orderId)
            #expect(fill["accountId"] as? Int == SimulatorHarness.practice.id)
        }
    }

    @Test func watchInHumanForm() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            // A resting limit order is one event: the order, open.
            let watch = try StreamingProcess.start(["watch", "--account", String(SimulatorHarness.practice.id), "--count", "1"], environment: sim.environment)
            #expect(await watch.stderrLine(containing: "press Ctrl-C to stop") != nil)
            let placed = try await sim.run(
                "order", "place", "--account", SimulatorHarness.practice.name, "--contract", "MES", "--side", "sell", "--type", "limit", "--limit", "99999", "--size", "2"
            )
            #expect(placed.status == 0, "\(placed)")
            let lines = await watch.remainingLines()
            #expect(await watch.exitStatus() == 0)
            #expect(lines.first == "\(exchangeTimeHeading)EVENT     DETAILS")
            #expect(lines.count == 2, "\(lines)")
            let mes = try sim.contractId("MES")
            #expect(lines.contains { $0.contains("  order     ") && $0.contains(" open: sell 2 \(mes) limit @ 99999") }, "\(lines)")
        }
    }

    @Test func ctrlCStopsAStreamCleanly() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let quote = try StreamingProcess.start(["quote", "MES"], environment: sim.environment)
            var seen: [String] = []
            _ = await quote.line(where: { $0.contains("MESZ6") }, seen: &seen)
            _ = await quote.line(where: { $0.contains("MESZ6") }, seen: &seen)
            quote.signal(SIGINT)
            #expect(await quote.exitStatus() == 0)
            #expect(await quote.remainingErrors().isEmpty)
            #expect(seen.count >= 3, "\(seen)")
        }
    }

    @Test func aHubThatCannotBeReachedIsOneErrorLine() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let result = try await sim.run("quote", "MES", "--count", "1", environment: ["PROJECTX_RTC_URL": "http://127.0.0.1:1"])
            #expect(result.status == 69, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1, "\(result)")
            #expect(result.stderr.hasPrefix("error: Cannot connect to the market hub at http://127.0.0.1:1/hubs/market ("), "\(result)")

            let wrongPath = try await sim.run("watch", "--account", "8101001", environment: ["PROJECTX_RTC_URL": sim.apiURL + "/elsewhere"])
            #expect(wrongPath.status == 69, "\(wrongPath)")
            #expect(wrongPath.stderrLines.count == 1, "\(wrongPath)")
            #expect(wrongPath.stderr.contains("The user hub at \(sim.apiURL)/elsewhere/hubs/user answered HTTP 404"), "\(wrongPath)")
        }
    }

    @Test func usageErrors() async throws {
        try await SimulatorHarness.with { sim in
            for arguments in [["quote"], ["quote", "MES", "--count", "0"], ["depth", "MES", "--levels", "0"], ["trades"], ["watch"]] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment)
                #expect(result.status == 64, "\(result)")
            }
            let unknown = try await sim.run("quote", "ZZZZZZ", "--count", "1")
            #expect(unknown.status == 65, "\(unknown)")
            #expect(unknown.stderr.hasPrefix("error: Unknown contract \"ZZZZZZ\""), "\(unknown)")
        }
    }
}
