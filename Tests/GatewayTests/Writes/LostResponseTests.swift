import Foundation
import Gateway
import GatewaySimulator
import Testing
import TestGate

/// Every write kind against every way of losing its answer, over loopback against the simulator:
/// the SDK never sends the write again and returns what really happened.
@Suite("Writes whose answer is lost: resolved by reading back", .gated)
struct LostResponseTests {
    /// The modes that execute the write before losing the answer.
    static let executing: [LostResponseMode] = [.reset, .hang, .garble, .status500]

    // MARK: Placement

    @Test(arguments: executing)
    func placementIsFoundByItsTag(mode: LostResponseMode) async throws {
        try await LostResponseBench.with(mode: mode) { bench in
            let before = await bench.exchangeOrders().count
            bench.simulator.faults.loseResponses(of: .place, mode: mode)
            let placed = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            guard case .readBack(let failure, let finding) = placed.confirmation else {
                Issue.record("the answer was lost (\(mode)); the order must have been found by reading back, got \(placed.confirmation)")
                return
            }
            #expect(!failure.isEmpty)
            #expect(finding.contains(placed.customTag))
            #expect(placed.customTag.hasPrefix("gw-"), "generated with the configured prefix: \(placed.customTag)")
            #expect(placed.status == .open)
            let orders = await bench.exchangeOrders()
            #expect(orders.count == before + 1, "exactly one order: the placement was never sent twice")
            #expect(orders.filter { $0.customTag == placed.customTag }.map(\.id) == [placed.id])
        }
    }

    @Test func placementThatWasNeverExecutedIsNotPlaced() async throws {
        try await LostResponseBench.with { bench in
            let before = await bench.exchangeOrders().count
            bench.simulator.faults.loseResponses(of: .place, mode: .resetUnexecuted)
            var request = OrderRequest.market(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1)
            request.customTag = "never-executed"
            let error = await #expect(throws: GatewayError.self) { try await bench.client.placeOrder(request) }
            guard case .notExecuted(let endpoint, _, let finding) = error else {
                Issue.record("expected notExecuted, got \(String(describing: error))")
                return
            }
            #expect(endpoint == .placeOrder)
            #expect(finding == "no order carries the tag never-executed")
            #expect(error?.description.contains("safe to send it again") == true)
            #expect(await bench.exchangeOrders().count == before, "nothing was placed, and nothing was sent again")
        }
    }

    @Test func placementWhoseLookUpFailsTooIsUnknown() async throws {
        try await LostResponseBench.with(requestTimeout: .seconds(30)) { bench in
            bench.simulator.faults.loseResponses(of: .place, mode: .hang, hangSeconds: 600)
            var request = OrderRequest.limit(accountId: bench.account, contractId: bench.contract, side: .sell, size: 1, price: 99_000)
            request.customTag = "lost-with-the-gateway"
            // The gateway dies once it has executed the order: the answer and every look-up fail.
            let stopper = Task {
                let deadline = ContinuousClock.now + .seconds(60)
                while !(await bench.exchangeOrders().contains { $0.customTag == "lost-with-the-gateway" }), ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                }
                await bench.simulator.stop()
            }
            let error = await #expect(throws: GatewayError.self) { try await bench.client.placeOrder(request) }
            try await stopper.value
            guard case .outcomeUnknown(let endpoint, let reason) = error else {
                Issue.record("expected outcomeUnknown, got \(String(describing: error))")
                return
            }
            #expect(endpoint == .placeOrder)
            #expect(reason.contains("looking the order up by its tag lost-with-the-gateway failed too"), "\(reason)")
            #expect(await bench.exchangeOrders().filter { $0.customTag == "lost-with-the-gateway" }.count == 1)
        }
    }

    @Test func tagsGivenAreKeptAndADuplicateIsRefused() async throws {
        try await LostResponseBench.with { bench in
            var request = OrderRequest.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100)
            request.customTag = "my-own-tag"
            let placed = try await bench.client.placeOrder(request)
            #expect(placed.customTag == "my-own-tag")
            #expect(placed.confirmation == .answered)
            #expect(await bench.exchangeOrders().first { $0.id == placed.id }?.customTag == "my-own-tag")
            let error = await #expect(throws: GatewayError.self) { try await bench.client.placeOrder(request) }
            guard case .rejected(.placeOrder, 2, let message, _) = error else {
                Issue.record("a second order with the same tag must be refused, got \(String(describing: error))")
                return
            }
            #expect(message?.contains("my-own-tag") == true)

            let untagged = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            #expect(untagged.customTag.hasPrefix("gw-"))
            #expect(await bench.exchangeOrders().first { $0.id == untagged.id }?.customTag == untagged.customTag)
        }
    }

    // MARK: Cancellation

    @Test(arguments: executing)
    func cancellationIsFoundByReadingTheOrder(mode: LostResponseMode) async throws {
        try await LostResponseBench.with(mode: mode) { bench in
            let placed = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            bench.simulator.faults.loseResponses(of: .cancel, mode: mode)
            let confirmation = try await bench.client.cancelOrder(accountId: bench.account, orderId: placed.id)
            guard case .readBack(_, let finding) = confirmation else {
                Issue.record("expected a read-back confirmation, got \(confirmation)")
                return
            }
            #expect(finding == "order \(placed.id) is cancelled")
            #expect(try await bench.client.order(accountId: bench.account, orderId: placed.id).status == .cancelled)
        }
    }

    @Test func cancellationThatWasNeverExecutedLeavesTheOrderWorking() async throws {
        try await LostResponseBench.with { bench in
            let placed = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            bench.simulator.faults.loseResponses(of: .cancel, mode: .resetUnexecuted)
            let error = await #expect(throws: GatewayError.self) { try await bench.client.cancelOrder(accountId: bench.account, orderId: placed.id) }
            guard case .notExecuted(.cancelOrder, _, let finding) = error else {
                Issue.record("expected notExecuted, got \(String(describing: error))")
                return
            }
            #expect(finding == "order \(placed.id) is still open")
            #expect(try await bench.client.order(accountId: bench.account, orderId: placed.id).status == .open)
        }
    }

    // MARK: Modification

    @Test(arguments: executing)
    func modificationIsFoundByComparingTheOrder(mode: LostResponseMode) async throws {
        try await LostResponseBench.with(mode: mode) { bench in
            let placed = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            bench.simulator.faults.loseResponses(of: .modify, mode: mode)
            let confirmation = try await bench.client.modifyOrder(OrderModification(accountId: bench.account, orderId: placed.id, size: 2, limitPrice: dec("101.25")))
            guard case .readBack(_, let finding) = confirmation else {
                Issue.record("expected a read-back confirmation, got \(confirmation)")
                return
            }
            #expect(finding.hasPrefix("order \(placed.id) has size 2, limit 101.25"), "\(finding)")
            let order = try await bench.client.order(accountId: bench.account, orderId: placed.id)
            #expect(order.size == 2 && order.limitPrice == dec("101.25"))
        }
    }

    @Test func modificationThatWasNeverExecutedIsNotApplied() async throws {
        try await LostResponseBench.with { bench in
            let placed = try await bench.client.placeOrder(.limit(accountId: bench.account, contractId: bench.contract, side: .buy, size: 1, price: 100))
            bench.simulator.faults.loseResponses(of: .modify, mode: .resetUnexecuted)
            let error = await #expect(throws: GatewayError.self) {
                try await bench.client.modifyOrder(OrderModification(accountId: bench.account, orderId: placed.id, limitPrice: dec("101.25")))
            }
            guard case .notExecuted(.modifyOrder, _, let finding) = error else {
                Issue.record("expected notExecuted, got \(String(describing: error))")
                return
            }
            #expect(finding == "order \(placed.id) still has limit 100")
            #expect(try await bench.client.order(accountId: bench.account, orderId: placed.id).limitPrice == 100)
        }
    }

    // MARK: Close

    @Test(arguments: executing)
    func closeIsFoundByReadingThePosition(mode: LostResponseMode) async throws {
        try await LostResponseBench.with(mode: mode) { bench in
            try await bench.client.placeOrder(.market(accountId: bench.account, contractId: bench.contract, side: .buy, size: 3))
            bench.simulator.faults.loseResponses(of: .close, mode: mode, count: 2)
            let partial = try await bench.client.partiallyClosePosition(accountId: bench.account, contractId: bench.contract, size: 1)
            #expect(partial == .readBack(failure: partialFailure(partial), finding: "the \(bench.contract) position went from long 3 to long 2"))
            let full = try await bench.client.closePosition(accountId: bench.account, contractId: bench.contract)
            #expect(full == .readBack(failure: partialFailure(full), finding: "the \(bench.contract) position went from long 2 to flat"))
            #expect(try await bench.client.openPositions(accountId: bench.account).allSatisfy { $0.contractId != bench.contract })
        }
    }

    @Test func closeThatWasNeverExecutedLeavesThePosition() async throws {
        try await LostResponseBench.with { bench in
            try await bench.client.placeOrder(.market(accountId: bench.account, contractId: bench.contract, side: .sell, size: 2))
            bench.simulator.faults.loseResponses(of: .close, mode: .resetUnexecuted)
            let error = await #expect(throws: GatewayError.self) {
                try await bench.client.closePosition(accountId: bench.account, contractId: bench.contract)
            }
            guard case .notExecuted(.closePosition, _, let finding) = error else {
                Issue.record("expected notExecuted, got \(String(describing: error))")
                return
            }
            #expect(finding == "the \(bench.contract) position is still short 2")
            #expect(try await bench.client.openPositions(accountId: bench.account).first { $0.contractId == bench.contract }?.signedSize == -2)
        }
    }

    /// The failure text of a read-back confirmation (what it is depends on the transport).
    private func partialFailure(_ confirmation: WriteConfirmation) -> String {
        if case .readBack(let failure, _) = confirmation { return failure }
        return "answered"
    }
}
