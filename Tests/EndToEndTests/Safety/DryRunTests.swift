import Foundation
import Testing
import TestGate

/// `--dry-run` against the simulator: the exact requests are printed, nothing is sent, no
/// confirmation is needed; and each printed request, sent as is, does what the command does.
@Suite("Dry run against the simulator", .gated)
struct DryRunTests {
    static let practice = SimulatorHarness.practice
    static let combine = SimulatorHarness.combine

    /// Splits `POST URL BODY`.
    func parse(_ line: String) throws -> (url: String, body: String) {
        let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "POST" else { throw HarnessError("not a request line: \(line)") }
        return (parts[1], parts[2])
    }

    @Test func aPlacementIsPrintedNotSentAndNeedsNoConfirmation() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            // The combine account would ask, and there is no terminal: a dry run does not ask.
            let arguments = [
                "order", "place", "--account", Self.combine.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "2",
                "--tag", "dry-1", "--dry-run",
            ]
            let human = try await ProcessRunner.run(arguments, environment: sim.environment)
            #expect(human.status == 0, "\(human)")
            #expect(human.lines == [
                #"POST \#(sim.apiURL)/api/Order/place {"accountId":\#(Self.combine.id),"contractId":"\#(mes)","customTag":"dry-1","limitPrice":100,"side":0,"size":2,"type":1}"#,
            ], "\(human)")
            #expect(human.stderr == "Dry run: nothing was sent (1 request shown).\n")

            let json = try await ProcessRunner.run(arguments + ["--json"], environment: sim.environment)
            let record = try #require(try json.jsonObjects().first)
            #expect(record["dryRun"] as? Bool == true)
            #expect(record["method"] as? String == "POST")
            #expect(record["url"] as? String == "\(sim.apiURL)/api/Order/place")
            #expect((record["body"] as? [String: Any])?["size"] as? Int == 2)
            #expect(try await sim.allOrders(Self.combine.id).isEmpty)

            // The local checks still apply.
            let tooBig = try await ProcessRunner.run(arguments.map { $0 == "2" ? "3" : $0 }, environment: sim.environment)
            #expect(tooBig.status == 64, "\(tooBig)")

            // The printed request, sent as is, places that order.
            let (url, body) = try parse(human.lines[0])
            let answer = try await sim.post(url, body: Data(body.utf8))
            #expect(answer["success"] as? Bool == true, "\(answer)")
            let orders = try await sim.workingOrders(Self.combine.id)
            #expect(orders.count == 1)
            #expect(orders.first?.customTag == "dry-1" && orders.first?.size == 2 && orders.first?.limitPrice == 100)
        }
    }

    @Test func modifyCancelAndCloseArePrintedNotSentAndEachLineDoesWhatTheCommandDoes() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let account = Self.practice
            let placed = try await ProcessRunner.run(
                ["order", "place", "--account", account.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1", "--json"],
                environment: sim.environment
            )
            let orderId = try #require(try placed.jsonObjects().first?["orderId"] as? Int)
            let bought = try await ProcessRunner.run(
                ["order", "place", "--account", account.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "2"], environment: sim.environment
            )
            #expect(bought.status == 0, "\(bought)")

            let cases: [([String], String)] = [
                (["order", "modify", "--account", account.name, String(orderId), "--size", "2", "--limit", "100.5"],
                 #"POST \#(sim.apiURL)/api/Order/modify {"accountId":\#(account.id),"limitPrice":100.5,"orderId":\#(orderId),"size":2}"#),
                (["close", "--account", account.name, "--contract", "MES", "--size", "1"],
                 #"POST \#(sim.apiURL)/api/Position/partialCloseContract {"accountId":\#(account.id),"contractId":"\#(mes)","size":1}"#),
                (["order", "cancel", "--account", account.name, String(orderId)],
                 #"POST \#(sim.apiURL)/api/Order/cancel {"accountId":\#(account.id),"orderId":\#(orderId)}"#),
                (["close", "--account", account.name, "--contract", "MES"],
                 #"POST \#(sim.apiURL)/api/Position/closeContract {"accountId":\#(account.id),"contractId":"\#(mes)"}"#),
            ]
            var lines: [String] = []
            for (arguments, expected) in cases {
                let result = try await ProcessRunner.run(arguments + ["--dry-run"], environment: sim.environment)
                #expect(result.status == 0, "\(result)")
                #expect(result.lines == [expected], "\(result)")
                lines.append(result.lines.first ?? "")
            }
            // Nothing changed.
            let orders = try await sim.workingOrders(account.id)
            #expect(orders.map(\.id) == [Int64(orderId)] && orders.first?.size == 1 && orders.first?.limitPrice == 100)
            #expect(try await sim.openPositions(account.id).map(\.size) == [2])

            // Each line, sent as printed, has the command's effect.
            for line in lines {
                let (url, body) = try parse(line)
                let answer = try await sim.post(url, body: Data(body.utf8))
                #expect(answer["success"] as? Bool == true, "\(line): \(answer)")
            }
            let all = try await sim.allOrders(account.id)
            let entry = try #require(all.first { $0.id == Int64(orderId) })
            #expect(entry.status == .cancelled && entry.size == 2 && entry.limitPrice == dec("100.5"))
            #expect(try await sim.openPositions(account.id).isEmpty)
        }
    }

    @Test func aFlattenPrintsEveryCancelAndCloseOfItsFirstRound() async throws {
        try await SimulatorHarness.with { sim in
            let mes = try sim.contractId("MES")
            let account = Self.practice
            let bracketed = try await ProcessRunner.run(
                ["order", "place", "--account", account.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1",
                 "--stop-loss-ticks", "8", "--take-profit-ticks", "16"], environment: sim.environment
            )
            #expect(bracketed.status == 0, "\(bracketed)")
            #expect(try await ProcessRunner.run(
                ["order", "place", "--account", account.name, "--contract", "MES", "--side", "sell", "--type", "market", "--size", "1"], environment: sim.environment
            ).status == 0)
            let before = try await sim.workingOrders(account.id)
            #expect(before.map(\.status) == [.open, .suspended, .suspended])

            let result = try await ProcessRunner.run(["flatten", "--account", account.name, "--dry-run", "--json"], environment: sim.environment)
            #expect(result.status == 0, "\(result)")
            let records = try result.jsonObjects()
            #expect(records.compactMap { $0["url"] as? String } == [
                "\(sim.apiURL)/api/Order/cancel", "\(sim.apiURL)/api/Order/cancel", "\(sim.apiURL)/api/Order/cancel", "\(sim.apiURL)/api/Position/closeContract",
            ])
            // Suspended children first, then the entry, then the position.
            let ids = records.compactMap { ($0["body"] as? [String: Any])?["orderId"] as? Int }
            #expect(ids.map(Int64.init) == [before[1].id, before[2].id, before[0].id])
            #expect((records.last?["body"] as? [String: Any])?["contractId"] as? String == mes)
            #expect(result.stderr.contains("Dry run: nothing was sent (4 requests shown)."))
            #expect(try await sim.workingOrders(account.id).map(\.id) == before.map(\.id))
            #expect(try await sim.openPositions(account.id).map(\.size) == [1])
        }
    }
}
