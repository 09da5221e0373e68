import Foundation
import GatewaySimulator
import Testing
import TestGate

/// Order commands whose gateway answer is lost, as child processes against the simulator: the
/// tag is shown, the resolved outcome printed, and the exit status says which outcome it was.
@Suite("Order commands when the gateway's answer is lost", .gated)
struct LostResponseCommandTests {
    static let practice = SimulatorHarness.practice

    static func limitOrder(_ extra: String...) -> [String] {
        ["order", "place", "--account", practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"] + extra
    }

    /// The practice account's orders as the exchange holds them.
    static func exchangeOrders(_ sim: SimulatorHarness) async -> [SimOrder] {
        let result = await sim.simulator.core.exchange.orders(accountId: practice.id, from: .distantPast, to: nil, by: SimulatedUser.defaultUserName)
        return (try? result.get()) ?? []
    }

    @Test func placementIsResolvedAsPlacedAfterAReset() async throws {
        try await SimulatorHarness.with { sim in
            sim.simulator.faults.loseResponses(of: .place, mode: .reset)
            let placed = try await ProcessRunner.run(Self.limitOrder(), environment: sim.environment)
            #expect(placed.status == 0, "\(placed)")
            let orders = await Self.exchangeOrders(sim)
            let order = try #require(orders.first, "\(placed)")
            #expect(orders.count == 1, "placed once, never sent again")
            let tag = try #require(order.customTag)
            #expect(tag.hasPrefix("tb-"))
            // How a reset shows depends on when it is noticed: "the connection was reset" or "the connection closed before the answer came".
            #expect(placed.stdout.hasPrefix("Placed order \(order.id) (tag \(tag)) on \(Self.practice.name): a limit buy of 1 MESZ6 at 100. The response was lost (the connection "), "\(placed)")
            #expect(placed.stdout.hasSuffix("); confirmed by reading back: order \(order.id) carries the tag \(tag) (status open).\n"), "\(placed)")
            #expect(placed.lines.count == 1)
        }
    }

    @Test func placementAfterAHangIsResolvedInJSON() async throws {
        try await SimulatorHarness.with { sim in
            sim.simulator.faults.loseResponses(of: .place, mode: .hang)
            let placed = try await ProcessRunner.run(Self.limitOrder("--json", "--tag", "e2e-hang"), environment: sim.environment.merging(["PROJECTX_REQUEST_TIMEOUT": "5"]) { $1 })
            #expect(placed.status == 0, "\(placed)")
            let result = try #require(try placed.jsonObjects().first)
            let order = try #require(await Self.exchangeOrders(sim).first)
            #expect(result["orderId"] as? Int == Int(order.id))
            #expect(result["customTag"] as? String == "e2e-hang", "the tag given is kept")
            #expect(result["resolvedAfter"] as? String == "no answer within the request timeout")
            #expect(result["finding"] as? String == "order \(order.id) carries the tag e2e-hang (status open)")
            #expect(result["status"] as? Int == 1)
            #expect(result["success"] as? Bool == true)
        }
    }

    @Test func placementThatWasNeverExecutedSaysSoAndExits69() async throws {
        try await SimulatorHarness.with { sim in
            sim.simulator.faults.loseResponses(of: .place, mode: .resetUnexecuted)
            let placed = try await ProcessRunner.run(Self.limitOrder("--tag", "e2e-none"), environment: sim.environment)
            #expect(placed.status == 69, "\(placed)")
            #expect(placed.stdout.isEmpty)
            #expect(placed.stderrLines.count == 1, "\(placed)")
            #expect(placed.stderr.hasPrefix("error: Order/place was not executed: the response was lost ("), "\(placed)")
            #expect(placed.stderr.contains("reading back shows no order carries the tag e2e-none. Nothing was changed; it is safe to send it again."), "\(placed)")
            #expect(await Self.exchangeOrders(sim).isEmpty)
        }
    }

    @Test func placementWhoseLookUpFailsTooExits74() async throws {
        try await SimulatorHarness.with { sim in
            sim.simulator.faults.loseResponses(of: .place, mode: .hang, hangSeconds: 600)
            async let run = ProcessRunner.run(Self.limitOrder("--tag", "e2e-unknown"), environment: sim.environment.merging(["PROJECTX_REQUEST_TIMEOUT": "60"]) { $1 })
            // The gateway goes away once it has executed the order: the answer and every look-up fail.
            let deadline = ContinuousClock.now + .seconds(60)
            while await Self.exchangeOrders(sim).isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            await sim.simulator.stop()
            let placed = try await run
            #expect(placed.status == 74, "\(placed)")
            #expect(placed.stderr.hasPrefix("error: Order/place may or may not have been executed ("), "\(placed)")
            #expect(placed.stderr.contains("looking the order up by its tag e2e-unknown failed too"), "\(placed)")
            #expect(placed.stderr.contains("trading-bot orders --account ID"), "\(placed)")
            #expect(await Self.exchangeOrders(sim).count == 1)
        }
    }

    @Test func theTagIsShownAndADuplicateIsRefused() async throws {
        try await SimulatorHarness.with { sim in
            let generated = try await ProcessRunner.run(Self.limitOrder("--json"), environment: sim.environment)
            #expect(generated.status == 0, "\(generated)")
            let result = try #require(try generated.jsonObjects().first)
            #expect((result["customTag"] as? String)?.hasPrefix("tb-") == true, "\(generated)")
            #expect(result["resolvedAfter"] == nil && result["finding"] == nil, "answered: nothing resolved")

            let given = try await ProcessRunner.run(Self.limitOrder("--tag", "e2e-dup"), environment: sim.environment)
            #expect(given.status == 0, "\(given)")
            #expect(given.stdout.contains(" (tag e2e-dup) on \(Self.practice.name): "), "\(given)")
            let duplicate = try await ProcessRunner.run(Self.limitOrder("--tag", "e2e-dup"), environment: sim.environment)
            #expect(duplicate.status == 65, "\(duplicate)")
            #expect(duplicate.stderr.contains("Custom tag 'e2e-dup' is already in use"), "\(duplicate)")
            #expect(duplicate.stderr.contains("The order was not placed."), "\(duplicate)")
            #expect(await Self.exchangeOrders(sim).filter { $0.customTag == "e2e-dup" }.count == 1)
        }
    }

    @Test func aDryRunShowsTheTagThatWouldBeSent() async throws {
        try await SimulatorHarness.with { sim in
            let dry = try await ProcessRunner.run(Self.limitOrder("--dry-run", "--json"), environment: sim.environment)
            #expect(dry.status == 0, "\(dry)")
            let body = try #require(try dry.jsonObjects().first?["body"] as? [String: Any])
            let tag = try #require(body["customTag"] as? String, "\(dry)")
            #expect(tag.hasPrefix("tb-") && tag.count <= 26, "\(tag)")
            #expect(await Self.exchangeOrders(sim).isEmpty)
        }
    }

    @Test func cancelModifyAndCloseArePrintedAsResolved() async throws {
        try await SimulatorHarness.with { sim in
            let placed = try await ProcessRunner.run(Self.limitOrder("--json"), environment: sim.environment)
            let orderId = String(try #require(try placed.jsonObjects().first?["orderId"] as? Int))

            sim.simulator.faults.loseResponses(of: .modify, mode: .garble)
            let modified = try await sim.run("order", "modify", "--account", Self.practice.name, orderId, "--limit", "101.5")
            #expect(modified.status == 0, "\(modified)")
            #expect(modified.stdout.hasPrefix("Modified order \(orderId) on \(Self.practice.name): limit 101.5. The response was lost (the answer could not be read: "), "\(modified)")
            #expect(modified.stdout.hasSuffix("confirmed by reading back: order \(orderId) has limit 101.5 (status open).\n"), "\(modified)")

            sim.simulator.faults.loseResponses(of: .cancel, mode: .status500)
            let cancelled = try await sim.run("order", "cancel", "--account", Self.practice.name, orderId, "--json")
            #expect(cancelled.status == 0, "\(cancelled)")
            let cancellation = try #require(try cancelled.jsonObjects().first)
            #expect(cancellation["resolvedAfter"] as? String == "HTTP 500")
            #expect(cancellation["finding"] as? String == "order \(orderId) is cancelled")

            let bought = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "2")
            #expect(bought.status == 0, "\(bought)")
            let mes = try sim.contractId("MES")
            sim.simulator.faults.loseResponses(of: .close, mode: .reset)
            let closed = try await sim.run("close", "--account", Self.practice.name, "--contract", "MES", "--size", "1")
            #expect(closed.status == 0, "\(closed)")
            #expect(closed.stdout.hasPrefix("Closed 1 contract of the MESZ6 position on \(Self.practice.name). The response was lost ("), "\(closed)")
            #expect(closed.stdout.hasSuffix("confirmed by reading back: the \(mes) position went from long 2 to long 1.\n"), "\(closed)")

            sim.simulator.faults.loseResponses(of: .close, mode: .resetUnexecuted)
            let notClosed = try await sim.run("close", "--account", Self.practice.name, "--contract", "MES")
            #expect(notClosed.status == 69, "\(notClosed)")
            #expect(notClosed.stderr.contains("Position/closeContract was not executed"), "\(notClosed)")
            #expect(notClosed.stderr.contains("the \(mes) position is still long 1"), "\(notClosed)")
        }
    }

    @Test func anInvalidRequestTimeoutIsAConfigurationError() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("accounts", environment: ["PROJECTX_REQUEST_TIMEOUT": "fast"])
            #expect(result.status == 78, "\(result)")
            #expect(result.stderr.contains("PROJECTX_REQUEST_TIMEOUT is \"fast\""), "\(result)")
        }
    }
}
