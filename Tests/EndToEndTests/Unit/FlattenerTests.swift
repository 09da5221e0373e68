import Foundation
import Gateway
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot
import TestGate

/// The rounds of `flatten`, with the gateway replaced by a script of looks (the network side is
/// tested against the simulator in `FlattenCommandTests`).
@Suite("Flatten rounds", .gated)
struct FlattenerTests {
    static func order(_ id: Int64, _ status: OrderStatus) -> Order {
        Order(id: id, accountId: 1, contractId: "CON.F.US.MES.Z26", status: status, type: .limit, side: .buy, size: 1, limitPrice: 100)
    }
    static let position = Position(id: 1, accountId: 1, contractId: "CON.F.US.MES.Z26", type: .long, size: 2, averagePrice: 5000)

    struct Refused: Error {}

    /// A scripted gateway: each look returns the next snapshot; sends are recorded and may fail.
    final class Script: Sendable {
        let looks: NIOLockedValueBox<[FlattenSnapshot]>
        let sent = NIOLockedValueBox<[WriteRequest]>([])
        let pauses = NIOLockedValueBox(0)
        let refuse: @Sendable (WriteRequest) -> Bool

        init(looks: [FlattenSnapshot], refuse: @escaping @Sendable (WriteRequest) -> Bool = { _ in false }) {
            self.looks = NIOLockedValueBox(looks)
            self.refuse = refuse
        }

        var flattener: Flattener {
            Flattener(
                look: {
                    try self.looks.withLockedValue { looks in
                        guard !looks.isEmpty else { throw HarnessError("looked more often than scripted") }
                        return looks.removeFirst()
                    }
                },
                send: { request in
                    self.sent.withLockedValue { $0.append(request) }
                    if self.refuse(request) { throw Refused() }
                },
                pause: { self.pauses.withLockedValue { $0 += 1 } }
            )
        }
    }

    @Test func suspendedChildrenAreCancelledFirstThenOrdersThenPositionsAreClosed() {
        let snapshot = FlattenSnapshot(orders: [Self.order(1, .open), Self.order(2, .suspended), Self.order(3, .pending), Self.order(4, .suspended)], positions: [Self.position])
        #expect(snapshot.items.map { $0.request(accountId: 1) } == [
            .cancel(accountId: 1, orderId: 2), .cancel(accountId: 1, orderId: 4), .cancel(accountId: 1, orderId: 1),
            .cancel(accountId: 1, orderId: 3), .close(accountId: 1, contractId: "CON.F.US.MES.Z26"),
        ])
        #expect(snapshot.counts == "4 orders, 1 position")
        #expect(FlattenSnapshot(orders: [Self.order(1, .open)], positions: []).counts == "1 order, 0 positions")
    }

    @Test func aFlatAccountTakesNoRound() async throws {
        let script = Script(looks: [])
        let outcome = try await script.flattener.run(from: FlattenSnapshot(orders: [], positions: []), accountId: 1) { _ in }
        #expect(outcome == Flattener.Outcome(rounds: 0, remaining: FlattenSnapshot(orders: [], positions: []), failedSteps: 0))
        #expect(script.sent.withLockedValue { $0 }.isEmpty)
    }

    @Test func whatAppearsDuringARoundIsRemovedInTheNext() async throws {
        // Round 1 cancels the entry, but it filled meanwhile: the next look finds a position.
        let first = FlattenSnapshot(orders: [Self.order(1, .open)], positions: [])
        let script = Script(looks: [FlattenSnapshot(orders: [], positions: [Self.position]), FlattenSnapshot(orders: [], positions: [])]) {
            $0 == .cancel(accountId: 1, orderId: 1)
        }
        var rounds: [Int] = []
        var failures = 0
        let outcome = try await script.flattener.run(from: first, accountId: 1) { event in
            switch event {
            case .round(let round, _): rounds.append(round)
            case .step(_, let error): if error != nil { failures += 1 }
            }
        }
        #expect(outcome.isFlat && outcome.rounds == 2 && outcome.failedSteps == 1)
        #expect(rounds == [1, 2] && failures == 1)
        #expect(script.sent.withLockedValue { $0 } == [.cancel(accountId: 1, orderId: 1), .close(accountId: 1, contractId: "CON.F.US.MES.Z26")])
        #expect(script.pauses.withLockedValue { $0 } == 2)
    }

    @Test func aRefusalDoesNotStopTheOthersAndTheRoundsAreBounded() async throws {
        // The orders can never be cancelled (a follower account): every round tries them all,
        // the position still closes, and after the last round they are what remains.
        let stuck = FlattenSnapshot(orders: [Self.order(1, .open), Self.order(2, .open)], positions: [])
        let first = FlattenSnapshot(orders: stuck.orders, positions: [Self.position])
        let script = Script(looks: Array(repeating: stuck, count: Flattener.defaultRounds)) { request in
            if case .cancel = request { return true }
            return false
        }
        let outcome = try await script.flattener.run(from: first, accountId: 1) { _ in }
        #expect(outcome.rounds == Flattener.defaultRounds)
        #expect(outcome.remaining == stuck && !outcome.isFlat)
        #expect(outcome.failedSteps == 2 * Flattener.defaultRounds)
        let sent = script.sent.withLockedValue { $0 }
        #expect(sent.count == 2 * Flattener.defaultRounds + 1)
        #expect(sent[2] == .close(accountId: 1, contractId: "CON.F.US.MES.Z26"))
        #expect(outcome.remaining.items.map(\.name) == [
            "order 1 (limit buy of 1 CON.F.US.MES.Z26 at 100, open)", "order 2 (limit buy of 1 CON.F.US.MES.Z26 at 100, open)",
        ])
    }

    @Test func aFailedLookEndsTheRunWithItsError() async {
        let script = Script(looks: [])
        await #expect(throws: HarnessError.self) {
            try await script.flattener.run(from: FlattenSnapshot(orders: [Self.order(1, .open)], positions: []), accountId: 1) { _ in }
        }
        #expect(script.sent.withLockedValue { $0 } == [.cancel(accountId: 1, orderId: 1)])
    }
}
