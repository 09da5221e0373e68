import Foundation
import Gateway
import GatewaySimulator
import SignalR
import Testing
import TestGate

/// ``AccountMonitor`` against the simulator over loopback: its state equals what the gateway
/// answers over REST after trading, after faults that lose events, and while a subscription is
/// refused.
@Suite("AccountMonitor against the simulator", .gated)
struct AccountMonitorTests {
    /// A simulator whose market moves only when a test moves it, so the truth holds still.
    static func quietSimulator() async throws -> SimulatorFixture {
        try await SimulatorFixture.start { $0.runsMarketLoop = false }
    }

    static var hubOptions: HubOptions {
        var options = FastHubs.hub
        options.refusedSubscriptionRetryDelay = .milliseconds(100)
        options.refusedSubscriptionRetryMaximumDelay = .milliseconds(400)
        return options
    }

    /// The account's state as the gateway answers it over REST now.
    static func truth(_ client: GatewayClient, accountId: Int, fillsSince: Date) async throws -> AccountSnapshot {
        let account = try await client.accounts(onlyActive: false).first { $0.id == accountId }
        let query = OrderQuery(filter: .init(accountId: accountId, statuses: [.open, .pending, .suspended, .pendingCancellation]), pageSize: 1000)
        return AccountSnapshot(
            accountId: accountId, account: account, orders: try await client.queryOrders(query).orders,
            positions: try await client.openPositions(accountId: accountId),
            fills: try await client.trades(accountId: accountId, from: fillsSince), fillsSince: fillsSince
        )
    }

    /// Waits until the monitor's state equals the REST truth (events may still be on their way
    /// when the REST call returns); records the differences when it never does.
    static func expectMatchesTruth(
        _ monitor: AccountMonitor, _ client: GatewayClient, _ step: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let deadline = ContinuousClock.now + .seconds(15)
        var differences: [String] = []
        repeat {
            let state = monitor.snapshot
            let truth = try await truth(client, accountId: monitor.accountId, fillsSince: state.fillsSince)
            if state == truth, monitor.status == .inSync { return }
            differences = state.differences(from: truth) + ["status \(monitor.status)"]
            try await Task.sleep(for: .milliseconds(300))
        } while ContinuousClock.now < deadline
        Issue.record("\(step): the monitor's state differs from the gateway's: \(differences)", sourceLocation: sourceLocation)
    }

    static func changes(_ log: EventLog<AccountUpdate>, since instant: ContinuousClock.Instant) -> [AccountChange] {
        log.since(instant).compactMap { if case .change(let change) = $0 { change } else { nil } }
    }

    @Test func theStateFollowsOrdersPlacedCancelledAndFilled() async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        // Something is there before the monitor starts.
        let resting = try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1000)).id

        let user = UserHub(client: client, options: Self.hubOptions)
        try await user.start()
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user)
        let log = EventLog(monitor.updates())
        await monitor.start()
        let first = try await monitor.synchronized(timeout: .seconds(60))
        #expect(first.orders[resting]?.status == .open)
        #expect(first.account?.balance == account.balance)
        try await Self.expectMatchesTruth(monitor, client, "at start")
        let (snapshotsAtStart, gapsAtStart) = (monitor.statistics.snapshots, monitor.statistics.gaps)

        // A bracket entry far from the market: its stop and target wait as Suspended orders,
        // which Order/searchOpen would not list.
        let entry = try await client.placeOrder(
            .limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1100).withBrackets(stopLossTicks: -10, takeProfitTicks: 20)
        ).id
        #expect(await eventually { monitor.snapshot.orders.values.filter { $0.status == .suspended }.count == 2 })
        #expect(monitor.snapshot.orders[entry] != nil)
        try await Self.expectMatchesTruth(monitor, client, "after a bracket order")

        let cancelled = ContinuousClock.now
        try await client.cancelOrder(accountId: account.id, orderId: resting)
        #expect(await eventually { monitor.snapshot.orders[resting] == nil })
        // The snapshot changes before the update reaches this consumer's stream: wait for it.
        #expect(await eventually { Self.changes(log, since: cancelled).contains { if case .orderFinished(let order) = $0 { order.id == resting && order.status == .cancelled } else { false } } })
        try await Self.expectMatchesTruth(monitor, client, "after a cancel")

        let bought = ContinuousClock.now
        try await client.placeOrder(.market(accountId: account.id, contractId: mes.id, side: .buy, size: 2))
        #expect(await eventually { monitor.snapshot.positions[mes.id]?.size == 2 && monitor.snapshot.fills.count == 1 })
        #expect(await eventually { Self.changes(log, since: bought).contains { if case .fill = $0 { true } else { false } } })
        #expect(await eventually { Self.changes(log, since: bought).contains { if case .account(let updated) = $0 { updated.balance < account.balance } else { false } } }, "fees were charged")
        try await Self.expectMatchesTruth(monitor, client, "after a fill")

        try await client.partiallyClosePosition(accountId: account.id, contractId: mes.id, size: 1)
        #expect(await eventually { monitor.snapshot.positions[mes.id]?.size == 1 && monitor.snapshot.fills.count == 2 })
        try await client.closePosition(accountId: account.id, contractId: mes.id)
        #expect(await eventually { monitor.snapshot.positions[mes.id] == nil })
        try await Self.expectMatchesTruth(monitor, client, "after closing")
        #expect(monitor.snapshot.fills.values.compactMap(\.profitAndLoss).count == 2, "the closing fills carry P&L")

        // Kept by events alone: a snapshot is read again only after a gap (a hub that timed out
        // on a starved machine reconnects, and the monitor then rightly reads the state again).
        let gaps = monitor.statistics.gaps - gapsAtStart
        #expect(monitor.statistics.snapshots == snapshotsAtStart + gaps, "no snapshot since the start but after a gap")
        await monitor.stop()
        #expect(monitor.status == .stopped)
        #expect(await user.subscriptions == [.accounts], "the account's own subscriptions are removed")
        await user.stop()
    }

    /// A fault that loses the user hub's connection; upgrades are refused meanwhile, so that the
    /// changes the test makes are certainly missed by the hub.
    enum Fault: String, CaseIterable, Sendable {
        case drop, closeWithoutReconnect, tokenExpiry

        func inject(into simulator: GatewaySimulator) async {
            switch self {
            case .drop: simulator.faults.send(.dropConnections(.user))
            case .closeWithoutReconnect: simulator.faults.send(.close(.user, allowReconnect: false, error: "server restarting"))
            case .tokenExpiry: await simulator.faults.expireAllTokens()
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func afterAFaultTheStateIsReadAgainAndEqualsTheGateways(fault: Fault) async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        let resting = try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1000)).id
        let user = UserHub(client: client, options: Self.hubOptions)
        try await user.start()
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user)
        let log = EventLog(monitor.updates())
        await monitor.start()
        try await monitor.synchronized(timeout: .seconds(60))

        let injected = ContinuousClock.now
        fixture.simulator.faults.refuseNextUpgrades(1_000_000)
        await fault.inject(into: fixture.simulator)
        #expect(await eventually(seconds: 20) { if case .synchronizing = monitor.status { true } else { false } }, "the gap is seen")
        // Changes while the hub is away: nothing replays them.
        let placed = try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1001)).id
        try await client.cancelOrder(accountId: account.id, orderId: resting)
        try await client.placeOrder(.market(accountId: account.id, contractId: mes.id, side: .sell, size: 1))
        #expect(monitor.snapshot.orders[resting] != nil, "not seen yet")
        fixture.simulator.faults.refuseNextUpgrades(0)

        let state = try await monitor.synchronized(since: injected, timeout: .seconds(40))
        #expect(state.orders[placed] != nil && state.orders[resting] == nil)
        #expect(state.positions[mes.id]?.type == .short)
        try await Self.expectMatchesTruth(monitor, client, "after \(fault)")
        let placedOrder = try #require(state.orders[placed])
        #expect(await eventually { Self.changes(log, since: injected).contains(.orderUpdated(placedOrder)) }, "the snapshot's changes are published: \(Self.changes(log, since: injected))")
        #expect(await eventually { Self.changes(log, since: injected).contains { if case .orderFinished(let order) = $0 { order.id == resting } else { false } } })
        #expect(await eventually { Self.changes(log, since: injected).contains { if case .fill = $0 { true } else { false } } })
        #expect(monitor.statistics.gaps >= 1 && monitor.statistics.snapshots >= 2)

        // Kept by events again.
        let later = try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1002)).id
        #expect(await eventually { monitor.snapshot.orders[later] != nil })
        try await Self.expectMatchesTruth(monitor, client, "after \(fault), kept by events")
        await monitor.stop()
        await user.stop()
    }

    @Test func aRefusedSubscriptionIsReportedRetriedAndThenFollowed() async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        // Retries far enough apart that the monitor sees the refusal before one is accepted.
        var options = Self.hubOptions
        options.refusedSubscriptionRetryDelay = .milliseconds(500)
        options.refusedSubscriptionRetryMaximumDelay = .seconds(1)
        let user = UserHub(client: client, options: options)
        let statuses = EventLog(user.statusUpdates())
        try await user.start()
        // The gateway refuses the next five subscriptions: the monitor's four, then the first
        // retry of one of them.
        fixture.simulator.faults.refuseNextSubscriptions(5, on: .user)
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user)
        let log = EventLog(monitor.updates())
        await monitor.start()

        for refused in ["accounts", "orders \(account.id)", "positions \(account.id)", "trades \(account.id)"] {
            #expect(await statuses.wait { if case .degraded(let reason) = $0 { "\(reason)".contains(refused) } else { false } },
                    "each refusal is reported in the hub's status: \(refused) in \(statuses.all)")
        }
        #expect(await log.wait { if case .status(.degraded(let reason)) = $0 { "\(reason)".contains("accounts") } else { false } },
                "and in the monitor's: \(log.all)")
        // Retried until accepted; then the state is read again and followed.
        try await monitor.synchronized(timeout: .seconds(60))
        #expect(await user.refusedSubscriptions.isEmpty)
        #expect(await fixture.simulator.faults.snapshot().refusedUserSubscriptionsLeft == 0, "every refusal was used: a retry was refused too")
        #expect(await user.subscriptions.count == 4, "nothing was forgotten")
        #expect(user.status.isLive)
        let placed = try await client.placeOrder(.limit(accountId: account.id, contractId: mes.id, side: .buy, size: 1, price: 1000)).id
        #expect(await eventually { monitor.snapshot.orders[placed] != nil }, "order updates flow: the subscription is applied")
        try await Self.expectMatchesTruth(monitor, client, "after the refusals")
        await monitor.stop()
        await user.stop()
    }

    @Test func aSubscriptionRefusedForGoodStaysWantedAndReportedAcrossReconnects() async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let user = UserHub(client: client, options: Self.hubOptions)
        let events = EventLog(user.events())
        try await user.start()
        let foreign = UserSubscription.orders(accountId: 999_999)
        let refusal = await #expect(throws: HubError.self) { try await user.subscribe(foreign) }
        #expect(refusal?.code == .refused)
        #expect(await user.subscriptions == [foreign])
        #expect(await user.refusedSubscriptions[foreign]?.contains("999999") == true)
        #expect(await eventually { if case .degraded(let reason) = user.status { "\(reason)".contains("orders 999999") } else { false } })

        let dropped = ContinuousClock.now
        fixture.simulator.faults.send(.dropConnections(.user))
        #expect(await events.wait(since: dropped) { $0.isLive })
        #expect(await eventually { if case .degraded(let reason) = user.status { "\(reason)".contains("orders 999999") } else { false } },
                "refused again on the new connection, and still reported: \(user.status)")
        #expect(await user.subscriptions == [foreign])

        try await user.unsubscribe(foreign)
        #expect(await eventually { user.status.isLive }, "nothing refused any more")
        await user.stop()
    }

    @Test func aConsumerThatFallsBehindTheUserHubGetsAGap() async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        var options = Self.hubOptions
        options.eventBufferSize = 3
        let user = UserHub(client: client, options: options)
        let stalled = user.events()
        try await user.start()
        try await user.subscribeAll(accountId: account.id)
        #expect(await eventually { user.status.isLive })
        let before = user.statistics.events
        for _ in 0..<2 { try await client.placeOrder(.market(accountId: account.id, contractId: mes.id, side: .buy, size: 1)) }
        // Each fill is an order, a fill, a position and an account event or more.
        #expect(await eventually { user.statistics.events - before >= 8 })
        var received: [UserEvent] = []
        for await event in stalled {
            received.append(event)
            if case .gap = event { break }
        }
        guard case .gap(let reason)? = received.last else {
            Issue.record("no gap: \(received)")
            return
        }
        #expect("\(reason)".contains("fell more than 3 events behind"))
        await user.stop()
    }

    @Test func positionsAreValuedAtTheLastPrice() async throws {
        let fixture = try await Self.quietSimulator()
        defer { Task { await fixture.stop() } }
        let client = fixture.client()
        let account = try #require(try await client.accounts().first { $0.canTrade })
        let mes = try await client.resolveContract("MES")
        let user = UserHub(client: client, options: Self.hubOptions)
        let market = MarketHub(client: client, options: FastHubs.market())
        try await user.start()
        try await market.start()
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user, marketHub: market)
        await monitor.start()
        try await monitor.synchronized(timeout: .seconds(60))
        #expect(monitor.pricesPositions)
        try await client.placeOrder(.market(accountId: account.id, contractId: mes.id, side: .buy, size: 2))
        #expect(await eventually { monitor.snapshot.positions[mes.id]?.size == 2 })
        let average = try #require(monitor.snapshot.positions[mes.id]?.averagePrice)

        let first = await monitor.positionValues()
        #expect(first.count == 1 && first.first?.lastPrice != nil, "a first quote within the wait: \(first)")
        #expect(first.first?.contract?.tickSize == mes.tickSize)

        let target = average + 10 * mes.tickSize
        #expect(await fixture.simulator.setMarketPrice(contractId: mes.id, price: target))
        var value: PositionValue?
        #expect(await eventually {
            value = await monitor.positionValues(waitingUpTo: .zero).first
            return value?.lastPrice == target
        }, "\(String(describing: value))")
        let expected = 10 * mes.tickValue * 2
        #expect(value?.unrealizedProfitAndLoss.map { abs($0 - expected) < 1e-6 } == true, "\(String(describing: value)), expected \(expected)")
        await monitor.stop()
        await market.stop()
        await user.stop()
    }
}
