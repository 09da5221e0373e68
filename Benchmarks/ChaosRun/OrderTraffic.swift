import Foundation
import Gateway
import GatewaySimulator
import NIOConcurrencyHelpers

/// Trades on the practice account while the faults hit: limit orders near the market (most with
/// brackets) and their cancels and modifications on one contract, market orders and partial and
/// full closes on another, a write at a time at a steady rate, every one through
/// ``GatewayClient`` so that a lost response is resolved by the SDK. Records each write's result.
///
/// Lost-response faults are armed through the driver (``queueLostResponse(of:mode:)``): it arms
/// the simulator just before its next write of that kind, so each lost response is attributed to
/// exactly one write.
final class OrderTraffic: Sendable {
    struct Lane: Sendable {
        var contract: Contract
        /// The contract's tick size (0.25 for the index micros).
        var tick: Decimal { contract.tickSize }
    }

    private struct State: Sendable {
        var records: [WriteRecord] = []
        /// Faults waiting for the next write of their kind.
        var queued: [WriteKind: LostResponseMode] = [:]
        /// Faults armed in the simulator and not yet consumed by a write.
        var armed: [WriteKind: LostResponseMode] = [:]
        var paused = false
        var inFlight = false
        var stopped = false
        var sequence = 0
    }

    private let client: GatewayClient
    private let simulator: GatewaySimulator
    private let monitor: AccountMonitor
    private let accountId: Int
    /// Resting limit orders, brackets, their cancels and modifications; closed only when flat of orders.
    let limitLane: Lane
    /// Market orders, partial and full closes: only this driver moves this position.
    let marketLane: Lane
    private let interval: Duration
    private let hangSeconds: Double
    private let state = NIOLockedValueBox(State())
    private let random: NIOLockedValueBox<SplitMix>
    private let tagPrefix: String

    init(
        client: GatewayClient, simulator: GatewaySimulator, monitor: AccountMonitor, accountId: Int, limitLane: Lane, marketLane: Lane,
        rate: Double, hangSeconds: Double, seed: UInt64
    ) {
        self.client = client
        self.simulator = simulator
        self.monitor = monitor
        self.accountId = accountId
        self.limitLane = limitLane
        self.marketLane = marketLane
        interval = .milliseconds(Int(1000 / max(0.1, min(rate, 100))))
        self.hangSeconds = hangSeconds
        random = NIOLockedValueBox(SplitMix(state: seed ^ 0x5EED_0FDE))
        tagPrefix = "chaos-\(seed)-\(UInt32(truncatingIfNeeded: UInt64(Date().timeIntervalSince1970 * 1000)))-"
    }

    // MARK: Control

    /// Runs until ``stop()``.
    func run() async {
        while !state.withLockedValue({ $0.stopped }) {
            let started = ContinuousClock.now
            let go = state.withLockedValue { state -> Bool in
                guard !state.paused, !state.stopped else { return false }
                state.inFlight = true
                return true
            }
            if go {
                await step()
                state.withLockedValue { $0.inFlight = false }
            }
            let next = started + interval
            if ContinuousClock.now < next { try? await Task.sleep(until: next) }
        }
    }

    /// Lets the write in flight finish (its resolution included) and starts no other until
    /// ``resume()``.
    func pause() async {
        state.withLockedValue { $0.paused = true }
        _ = try? await waitUntil(seconds: 120) { [state] in !state.withLockedValue { $0.inFlight } }
    }

    func resume() { state.withLockedValue { $0.paused = false } }

    func stop() async {
        state.withLockedValue { $0.stopped = true }
        _ = try? await waitUntil(seconds: 120) { [state] in !state.withLockedValue { $0.inFlight } }
    }

    /// Arms a lost-response fault for the next write of `kind`; false when one is already
    /// waiting for that kind.
    func queueLostResponse(of kind: WriteKind, mode: LostResponseMode) -> Bool {
        state.withLockedValue { state in
            guard state.queued[kind] == nil, state.armed[kind] == nil else { return false }
            state.queued[kind] = mode
            return true
        }
    }

    /// The write kinds with no lost-response fault waiting.
    var freeKinds: [WriteKind] {
        state.withLockedValue { state in WriteKind.allCases.filter { state.queued[$0] == nil && state.armed[$0] == nil } }
    }

    /// Faults queued or armed and not yet met by a write.
    var outstandingFaults: Int { state.withLockedValue { $0.queued.count + $0.armed.count } }

    var records: [WriteRecord] { state.withLockedValue { $0.records } }

    // MARK: One write

    private enum Action: CaseIterable {
        case placeLimit, placeMarket, cancel, modify, partialClose, close, flattenLimitLane
    }

    private func roll(_ range: ClosedRange<Int>) -> Int { random.withLockedValue { Int.random(in: range, using: &$0) } }
    private func chance(_ percent: Int) -> Bool { roll(1...100) <= percent }

    private func step() async {
        let snapshot = monitor.snapshot
        let working = snapshot.workingOrders.filter { $0.contractId == limitLane.contract.id && $0.status == .open }
        let marketPosition = snapshot.positions[marketLane.contract.id]?.signedSize ?? 0
        let limitPosition = snapshot.positions[limitLane.contract.id]?.signedSize ?? 0
        let wanted = state.withLockedValue { state in state.queued.keys.first ?? state.armed.keys.first }

        var action: Action
        switch wanted {
        case .place?: action = chance(50) ? .placeLimit : .placeMarket
        case .cancel?: action = working.isEmpty ? .placeLimit : .cancel
        case .modify?: action = working.contains { $0.type == .limit } ? .modify : .placeLimit
        case .close?: action = marketPosition == 0 ? .placeMarket : (abs(marketPosition) >= 2 && chance(50) ? .partialClose : .close)
        case nil:
            let dice = roll(1...100)
            action = switch dice {
            case 1...30: .placeLimit
            case 31...45: .placeMarket
            case 46...60: .cancel
            case 61...75: .modify
            case 76...85: .partialClose
            case 86...94: .close
            default: .flattenLimitLane
            }
        }
        // Keep the book and the positions small.
        if working.count > 12, action == .placeLimit { action = .cancel }
        if abs(limitPosition) > 6 { action = .flattenLimitLane }
        switch action {
        case .cancel where working.isEmpty, .modify where !working.contains(where: { $0.type == .limit }): action = .placeLimit
        case .partialClose where abs(marketPosition) < 2, .close where marketPosition == 0: action = .placeMarket
        case .flattenLimitLane where limitPosition == 0 && working.isEmpty: action = .placeLimit
        default: break
        }

        switch action {
        case .placeLimit: await placeLimit()
        case .placeMarket: await placeMarket(position: marketPosition)
        case .cancel: await cancel(working[roll(0...working.count - 1)].id)
        case .modify:
            let limits = working.filter { $0.type == .limit }
            await modify(limits[roll(0...limits.count - 1)])
        case .partialClose:
            await write(.close) { try await self.client.partiallyClosePosition(accountId: self.accountId, contractId: self.marketLane.contract.id, size: 1) }
        case .close:
            await write(.close) { try await self.client.closePosition(accountId: self.accountId, contractId: self.marketLane.contract.id) }
        case .flattenLimitLane: await flattenLimitLane(working: snapshot.workingOrders.filter { $0.contractId == limitLane.contract.id })
        }
    }

    private func placeLimit() async {
        guard let touch = simulator.core.feed.touch(of: limitLane.contract.id) else { return }
        let buy = chance(50)
        let away = Int64(roll(0...3))
        let ticks = buy ? touch.bestBid - away : touch.bestAsk + away
        guard ticks > 20 else { return }
        var request = OrderRequest.limit(
            accountId: accountId, contractId: limitLane.contract.id, side: buy ? .buy : .sell, size: roll(1...2), price: Decimal(ticks) * limitLane.tick
        )
        if chance(70) {
            let stop = roll(6...14)
            let profit = roll(6...14)
            request = request.withBrackets(stopLossTicks: buy ? -stop : stop, takeProfitTicks: buy ? profit : -profit)
        }
        await place(request)
    }

    private func placeMarket(position: Int) async {
        // Lean against the position so that it stays within a few contracts.
        let buy = position >= 3 ? false : position <= -3 ? true : chance(50)
        await place(.market(accountId: accountId, contractId: marketLane.contract.id, side: buy ? .buy : .sell, size: roll(1...2)))
    }

    private func place(_ request: OrderRequest) async {
        var request = request
        let tag = state.withLockedValue { state -> String in
            state.sequence += 1
            return tagPrefix + String(state.sequence)
        }
        request.customTag = tag
        let tagged = request
        await write(.place, tag: tag) {
            let placed = try await self.client.placeOrder(tagged)
            return (placed.confirmation, placed.id)
        }
    }

    private func cancel(_ orderId: Int64) async {
        await write(.cancel) { try await self.client.cancelOrder(accountId: self.accountId, orderId: orderId) }
    }

    private func modify(_ order: Order) async {
        guard let limit = order.limitPrice else { return }
        var change = OrderModification(accountId: accountId, orderId: order.id)
        if chance(30), order.size < 4 {
            change.size = order.size + 1
        } else {
            let step = chance(50) ? limitLane.tick : -limitLane.tick
            guard limit + step > 0 else { return }
            change.limitPrice = limit + step
        }
        let modification = change
        await write(.modify) { try await self.client.modifyOrder(modification) }
    }

    /// Cancels the limit lane's working orders, then closes its position: the close's read-back
    /// needs a position no resting order can move meanwhile.
    private func flattenLimitLane(working: [Order]) async {
        for order in working.prefix(6) { await cancel(order.id) }
        let stillWorking = (try? await client.openOrders(accountId: accountId))?.contains { $0.contractId == limitLane.contract.id } ?? true
        let suspended = monitor.snapshot.workingOrders.contains { $0.contractId == limitLane.contract.id }
        guard !stillWorking, !suspended else { return }
        await write(.close) { try await self.client.closePosition(accountId: self.accountId, contractId: self.limitLane.contract.id) }
    }

    private func write(_ kind: WriteKind, _ body: @escaping @Sendable () async throws -> WriteConfirmation) async {
        await write(kind, tag: nil) { (try await body(), nil) }
    }

    /// Sends one write, arming its lost-response fault first when one is queued, and records
    /// how the SDK resolved it.
    private func write(_ kind: WriteKind, tag: String?, _ body: @escaping @Sendable () async throws -> (WriteConfirmation, Int64?)) async {
        let faults = simulator.faults
        let toArm = state.withLockedValue { state -> LostResponseMode? in
            guard state.armed[kind] == nil, let mode = state.queued.removeValue(forKey: kind) else { return nil }
            state.armed[kind] = mode
            return mode
        }
        if let toArm { faults.loseResponses(of: kind, mode: toArm, count: 1, hangSeconds: hangSeconds) }
        let started = ContinuousClock.now
        var record = WriteRecord(kind: kind, result: .failed, tag: tag, duration: .zero)
        do {
            let (confirmation, orderId) = try await body()
            record.result = confirmation.isResolvedAfterAmbiguousFailure ? .executedAfterLoss : .answered
            record.orderId = orderId
        } catch GatewayError.notExecuted {
            record.result = .notExecuted
        } catch GatewayError.outcomeUnknown(_, let reason) {
            record.result = .unknown
            record.detail = reason
        } catch GatewayError.rejected, GatewayError.rateLimited {
            record.result = .refused
        } catch {
            record.detail = "\(error)"
        }
        record.duration = ContinuousClock.now - started
        // The armed fault is consumed when the write reached the simulator's handler; a write
        // refused before it (a 429) leaves it armed for the next write of the kind.
        let remaining = await faults.snapshot().lostResponses[kind.rawValue]?.remaining ?? 0
        state.withLockedValue { state in
            if remaining == 0, let mode = state.armed.removeValue(forKey: kind) { record.lostMode = mode }
            state.records.append(record)
        }
    }
}
