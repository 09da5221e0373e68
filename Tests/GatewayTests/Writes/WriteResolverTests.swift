import Foundation
@testable import Gateway
import Testing
import TestGate

/// The decision of an ambiguous write's outcome, without sockets or sleeps.
@Suite("WriteResolver: the outcome of a write whose answer was lost", .gated)
struct WriteResolverTests {
    static let policy = ReconciliationPolicy(
        lookUpAttempts: 4, retryDelay: .milliseconds(100), maximumRetryDelay: .milliseconds(300),
        settleDelay: .milliseconds(500), readingsForNotExecuted: 2, searchWindow: .seconds(600), timeLimit: .seconds(10)
    )
    static let request = OrderRequest.limit(accountId: 7, contractId: "CON.F.US.MES.Z26", side: .buy, size: 2, price: 5000)
    static let tag = "px-test-1"
    static let place = AmbiguousWrite.place(request, tag: tag, sentAt: Date(timeIntervalSince1970: 1_800_000_000))

    static func order(
        id: Int64 = 11, status: OrderStatus = .open, tag: String? = WriteResolverTests.tag, side: OrderSide = .buy, size: Int = 2,
        type: OrderType = .limit, contractId: String = "CON.F.US.MES.Z26", limit: Decimal? = 5000, stop: Decimal? = nil
    ) -> Order {
        Order(id: id, accountId: 7, contractId: contractId, status: status, type: type, side: side, size: size, limitPrice: limit, stopPrice: stop, customTag: tag)
    }

    static func position(_ signed: Int, contractId: String = "CON.F.US.MES.Z26") -> Position {
        Position(id: 1, accountId: 7, contractId: contractId, type: signed >= 0 ? .long : .short, size: abs(signed), averagePrice: 5000)
    }

    /// Feeds `evidence` in turn, one second apart, and returns every action.
    static func run(_ write: AmbiguousWrite, _ evidence: [WriteEvidence], policy: ReconciliationPolicy = policy) -> [WriteResolver.Action] {
        var resolver = WriteResolver(write: write, policy: policy)
        var actions = [resolver.start()]
        for (index, item) in evidence.enumerated() {
            actions.append(resolver.received(item, elapsed: .seconds(index)))
        }
        return actions
    }

    static func outcome(_ actions: [WriteResolver.Action]) -> WriteResolution? {
        if case .finish(let resolution) = actions.last { return resolution }
        return nil
    }

    // MARK: Placement

    @Test func startsWithAnImmediateLookUp() {
        #expect(WriteResolver(write: Self.place, policy: Self.policy).start() == .lookUp(after: .zero))
    }

    @Test func placementFoundByItsTagIsExecuted() throws {
        let found = Self.order(status: .filled)
        let actions = Self.run(Self.place, [.orders([Self.order(id: 3, tag: "other"), found])])
        guard case .executed(let finding, let order) = try #require(Self.outcome(actions)) else {
            Issue.record("expected executed, got \(actions)")
            return
        }
        #expect(order == found)
        #expect(finding.contains("order 11 carries the tag px-test-1"))
        #expect(finding.contains("filled"))
    }

    @Test func placementAbsentTwiceIsNotExecutedAfterTheSettleDelay() {
        let actions = Self.run(Self.place, [.orders([]), .orders([Self.order(tag: nil)])])
        #expect(actions[1] == .lookUp(after: .milliseconds(500)), "one reading is not enough: the write may still be on its way")
        #expect(Self.outcome(actions) == .notExecuted(finding: "no order carries the tag px-test-1"))
    }

    @Test func placementThatAppearsOnTheSecondReadingIsExecuted() {
        let actions = Self.run(Self.place, [.orders([]), .orders([Self.order()])])
        guard case .executed(_, let order) = Self.outcome(actions) else {
            Issue.record("expected executed, got \(actions)")
            return
        }
        #expect(order?.id == 11)
    }

    @Test func oneReadingSufficesWhenThePolicySaysSo() {
        var policy = Self.policy
        policy.readingsForNotExecuted = 1
        #expect(Self.outcome(Self.run(Self.place, [.orders([])], policy: policy)) == .notExecuted(finding: "no order carries the tag px-test-1"))
        policy.readingsForNotExecuted = 0
        #expect(Self.outcome(Self.run(Self.place, [.orders([])], policy: policy)) != nil, "a policy of 0 readings still decides after one")
    }

    @Test func tagHeldByAnotherOrderMeansTheGatewayRefusedThisOne() throws {
        let other = Self.order(id: 5, side: .sell, size: 1)
        let actions = Self.run(Self.place, [.orders([other])])
        guard case .notExecuted(let finding) = try #require(Self.outcome(actions)) else {
            Issue.record("expected notExecuted, got \(actions)")
            return
        }
        #expect(actions.count == 2, "decided at once")
        #expect(finding.contains("belongs to order 5"))
    }

    @Test func placementMatchingIgnoresPricesButNotTheRest() {
        let request = Self.request
        #expect(WriteResolver.isPlacement(of: request, Self.order(limit: 4999)))
        #expect(WriteResolver.isPlacement(of: request, Self.order(contractId: "con.f.us.mes.z26")))
        #expect(!WriteResolver.isPlacement(of: request, Self.order(side: .sell)))
        #expect(!WriteResolver.isPlacement(of: request, Self.order(size: 3)))
        #expect(!WriteResolver.isPlacement(of: request, Self.order(type: .market)))
        #expect(!WriteResolver.isPlacement(of: request, Self.order(contractId: "CON.F.US.EP.Z26")))
        var otherAccount = Self.order()
        otherAccount.accountId = 8
        #expect(!WriteResolver.isPlacement(of: request, otherAccount))
    }

    // MARK: Failed look-ups

    @Test func failedLookUpsBackOffAndEndUnknown() throws {
        let actions = Self.run(Self.place, Array(repeating: .failed("connection refused"), count: 4))
        #expect(Array(actions.dropFirst().prefix(3)) == [
            .lookUp(after: .milliseconds(100)), .lookUp(after: .milliseconds(200)), .lookUp(after: .milliseconds(300)),
        ])
        guard case .unknown(let finding) = try #require(Self.outcome(actions)) else {
            Issue.record("expected unknown, got \(actions)")
            return
        }
        #expect(finding == "looking the order up by its tag px-test-1 failed too (4 attempts, last: connection refused)")
    }

    @Test func aFailedLookUpFollowedByAnAnswerDecides() {
        let actions = Self.run(Self.place, [.failed("timeout"), .orders([Self.order()])])
        guard case .executed = Self.outcome(actions) else {
            Issue.record("expected executed, got \(actions)")
            return
        }
    }

    @Test func theTimeLimitEndsTheResolutionAsUnknown() throws {
        var resolver = WriteResolver(write: Self.place, policy: Self.policy)
        _ = resolver.start()
        guard case .finish(.unknown(let finding)) = resolver.received(.failed("timeout"), elapsed: .milliseconds(9950)) else {
            Issue.record("a retry starting after the time limit must not be asked for")
            return
        }
        #expect(finding.contains("time limit"))
        var second = WriteResolver(write: Self.place, policy: Self.policy)
        _ = second.start()
        guard case .finish(.unknown(let unconfirmed)) = second.received(.orders([]), elapsed: .milliseconds(9600)) else {
            Issue.record("an unconfirmed absence at the time limit is unknown, not 'not executed'")
            return
        }
        #expect(unconfirmed.contains("no order carries the tag"))
    }

    @Test func afterTheOutcomeFurtherInputChangesNothing() {
        var resolver = WriteResolver(write: Self.place, policy: Self.policy)
        _ = resolver.start()
        let first = resolver.received(.orders([Self.order()]), elapsed: .zero)
        #expect(resolver.received(.failed("late"), elapsed: .seconds(1)) == first)
        #expect(resolver.received(.orders([]), elapsed: .seconds(2)) == first)
        #expect(resolver.start() == first)
    }

    @Test func evidenceOfAnotherKindIsUnknown() {
        #expect({ if case .unknown = Self.outcome(Self.run(Self.place, [.positions([])])) { return true }; return false }())
        #expect({ if case .unknown = Self.outcome(Self.run(.cancel(accountId: 7, orderId: 11), [.orders([])])) { return true }; return false }())
        #expect({ if case .unknown = Self.outcome(Self.run(.close(accountId: 7, contractId: "X", size: nil, before: nil), [.order(nil)])) { return true }; return false }())
    }

    // MARK: Cancellation

    @Test(arguments: OrderStatus.allCases)
    func cancellationReadsTheOrdersStatus(status: OrderStatus) {
        let write = AmbiguousWrite.cancel(accountId: 7, orderId: 11)
        let reading = WriteResolver.reading(of: .order(Self.order(status: status)), for: write)
        switch status {
        case .cancelled, .pendingCancellation:
            #expect({ if case .executed = reading { return true }; return false }(), "\(status): \(reading)")
        case .open, .pending, .suspended:
            #expect(reading == .unchanged(finding: "order 11 is still \(status)"))
        case .filled, .expired, .rejected:
            #expect(reading == .notExecuted(finding: "order 11 is \(status), so there was nothing to cancel"))
        case .none:
            #expect({ if case .unknown = reading { return true }; return false }(), "\(reading)")
        }
    }

    @Test func cancellationOfAMissingOrderWasNotExecuted() {
        let reading = WriteResolver.reading(of: .order(nil), for: .cancel(accountId: 7, orderId: 11))
        #expect(reading == .notExecuted(finding: "account 7 has no order 11, so there was nothing to cancel"))
    }

    @Test func cancellationStillWorkingTwiceIsNotExecuted() {
        let actions = Self.run(.cancel(accountId: 7, orderId: 11), [.order(Self.order()), .order(Self.order())])
        #expect(Self.outcome(actions) == .notExecuted(finding: "order 11 is still open"))
    }

    // MARK: Modification

    @Test func modificationIsReadFromTheFieldsItSets() {
        let change = OrderModification(accountId: 7, orderId: 11, size: 3, limitPrice: dec("5001.25"))
        let write = AmbiguousWrite.modify(change)
        #expect({ if case .executed = WriteResolver.reading(of: .order(Self.order(size: 3, limit: dec("5001.25"))), for: write) { return true }; return false }())
        #expect(WriteResolver.reading(of: .order(Self.order(size: 3, limit: 5000)), for: write) == .unchanged(finding: "order 11 still has size 3, limit 5000"))
        #expect(WriteResolver.reading(of: .order(Self.order(status: .filled, size: 2, limit: 5000)), for: write)
            == .notExecuted(finding: "order 11 is filled with size 2, limit 5000, not the requested size 3, limit 5001.25"))
        #expect({ if case .executed = WriteResolver.reading(of: .order(Self.order(status: .filled, size: 3, limit: dec("5001.25"))), for: write) { return true }; return false }(),
                "a change that made the order marketable fills it at once")
        #expect(WriteResolver.reading(of: .order(nil), for: write) == .notExecuted(finding: "account 7 has no order 11, so there was nothing to change"))
    }

    @Test func stopChangeIsCompared() {
        let write = AmbiguousWrite.modify(OrderModification(accountId: 7, orderId: 11, stopPrice: 4990))
        #expect({ if case .executed = WriteResolver.reading(of: .order(Self.order(type: .stop, limit: nil, stop: 4990)), for: write) { return true }; return false }())
        #expect(WriteResolver.reading(of: .order(Self.order(type: .stop, limit: nil, stop: nil)), for: write) == .unchanged(finding: "order 11 still has stop none"))
    }

    @Test func trailChangeAloneCannotBeVerified() {
        let write = AmbiguousWrite.modify(OrderModification(accountId: 7, orderId: 11, trailPrice: 4990))
        #expect({ if case .unknown = WriteResolver.reading(of: .order(Self.order(type: .trailingStop)), for: write) { return true }; return false }())
    }

    // MARK: Close

    @Test(arguments: [
        // (before, size to close, now, expected: e executed, n not executed, u unchanged, ? unknown)
        (3, nil, 0, "e"), (3, nil, 3, "u"), (3, nil, 1, "?"), (-2, nil, 0, "e"), (-2, nil, -2, "u"),
        (3, 1, 2, "e"), (3, 3, 0, "e"), (3, 1, 3, "u"), (3, 1, 1, "?"), (-3, 2, -1, "e"), (-3, 2, -3, "u"), (-3, 2, 1, "?"),
        (3, 5, 3, "u"), (3, 5, 0, "?"),
        (0, nil, 0, "n"), (0, 1, 0, "n"), (0, nil, 2, "?"),
    ] as [(Int, Int?, Int, String)])
    func closeReadsThePosition(before: Int, size: Int?, now: Int, expected: String) {
        let write = AmbiguousWrite.close(accountId: 7, contractId: "CON.F.US.MES.Z26", size: size, before: before == 0 ? nil : Self.position(before))
        let positions = now == 0 ? [Self.position(1, contractId: "CON.F.US.EP.Z26")] : [Self.position(now)]
        let reading = WriteResolver.reading(of: .positions(positions), for: write)
        let kind: String
        switch reading {
        case .executed: kind = "e"
        case .notExecuted: kind = "n"
        case .unchanged: kind = "u"
        case .unknown: kind = "?"
        }
        #expect(kind == expected, "before \(before), close \(size.map(String.init) ?? "all"), now \(now): \(reading)")
    }

    @Test func closeFindingsSayWhatChanged() {
        let write = AmbiguousWrite.close(accountId: 7, contractId: "CON.F.US.MES.Z26", size: 1, before: Self.position(-3))
        #expect(WriteResolver.reading(of: .positions([Self.position(-2)]), for: write)
            == .executed(finding: "the CON.F.US.MES.Z26 position went from short 3 to short 2", order: nil))
        #expect(WriteResolver.reading(of: .positions([Self.position(2)]), for: write)
            == .unknown(finding: "the CON.F.US.MES.Z26 position went from short 3 to long 2, not short 2 as the close leaves it: something else traded it"))
    }

    // MARK: Policy and messages

    @Test func retryDelaysDoubleUpToTheCap() {
        let policy = ReconciliationPolicy(retryDelay: .milliseconds(250), maximumRetryDelay: .seconds(1))
        #expect((1...5).map(policy.delay(afterFailure:)) == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1), .seconds(1)])
        #expect(ReconciliationPolicy(retryDelay: .seconds(5), maximumRetryDelay: .seconds(1)).delay(afterFailure: 1) == .seconds(1))
    }

    @Test func endpointsAndLookUpDescriptions() {
        let change = OrderModification(accountId: 7, orderId: 12)
        let cases: [(AmbiguousWrite, GatewayEndpoint, String)] = [
            (Self.place, .placeOrder, "looking the order up by its tag px-test-1"),
            (.cancel(accountId: 7, orderId: 11), .cancelOrder, "reading order 11 back"),
            (.modify(change), .modifyOrder, "reading order 12 back"),
            (.close(accountId: 7, contractId: "C", size: nil, before: nil), .closePosition, "reading the C position back"),
            (.close(accountId: 7, contractId: "C", size: 1, before: nil), .partialClosePosition, "reading the C position back"),
        ]
        for (write, endpoint, description) in cases {
            #expect(write.endpoint == endpoint)
            #expect(write.lookUpDescription == description)
        }
    }

    @Test func errorsSayWhatHappenedAndWhatToDo() {
        let notExecuted = GatewayError.notExecuted(endpoint: .placeOrder, reason: "the connection was reset", finding: "no order carries the tag px-1")
        #expect(notExecuted.description == "Order/place was not executed: the response was lost (the connection was reset), and reading back shows "
            + "no order carries the tag px-1. Nothing was changed; it is safe to send it again.")
        let unknown = GatewayError.outcomeUnknown(endpoint: .placeOrder, reason: "timeout; looking the order up by its tag px-1 failed too (5 attempts, last: refused)")
        #expect(unknown.description.contains("failed too"))
        #expect(unknown.description.contains("It was not sent again"))
        #expect(WriteConfirmation.answered.description == "answered by the gateway")
        #expect(!WriteConfirmation.answered.isResolvedAfterAmbiguousFailure)
        #expect(WriteConfirmation.readBack(failure: "HTTP 500", finding: "order 1 is cancelled").isResolvedAfterAmbiguousFailure)
    }
}
