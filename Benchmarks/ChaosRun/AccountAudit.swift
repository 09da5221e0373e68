import Foundation
import Gateway
import GatewaySimulator

/// Compares the SDK's account state (``AccountMonitor``) with the simulator's own books, and the
/// traffic's placements with the orders the simulator holds.
struct AccountAudit: Sendable {
    let simulator: GatewaySimulator
    let monitor: AccountMonitor
    let user: UserHub
    let accountId: Int
    let userName: String

    /// The working statuses, as the SDK's snapshot keeps them.
    private static let workingStatuses: [SimOrderStatus] = [.open, .pending, .suspended, .pendingCancellation]

    /// One comparison's result: nil when the states agree, else what differed.
    struct Divergence: Sendable {
        var when: String
        var lines: [String]
    }

    /// Waits for the monitor to be in sync (rebuilt after `since`, when given), then compares it
    /// with the simulator until they agree, for up to `settle` seconds: fills keep changing both
    /// sides, and an event may still be on its way, so only a difference that lasts counts.
    func check(after label: String, since: ContinuousClock.Instant?, syncTimeout: Double, settle: Double) async -> Divergence? {
        do {
            try await monitor.synchronized(since: since, timeout: .milliseconds(Int(syncTimeout * 1000)))
        } catch {
            return Divergence(when: label, lines: ["the monitor was not in sync: \(error); user hub \(user.status), monitor statistics \(monitor.statistics)"])
        }
        let deadline = ContinuousClock.now + .milliseconds(Int(settle * 1000))
        var last: [String] = []
        repeat {
            if monitor.status == .inSync {
                let truth = await self.truth()
                last = Self.differences(sdk: monitor.snapshot, truth: truth)
                if last.isEmpty { return nil }
            } else {
                last = ["the monitor left sync: \(monitor.status)"]
            }
            try? await Task.sleep(for: .milliseconds(25))
        } while ContinuousClock.now < deadline
        return Divergence(when: label, lines: last)
    }

    /// The simulator's books for the account, in the terms the SDK's snapshot uses.
    struct Truth: Sendable {
        var orders: [Int64: SimOrder]
        var positions: [String: SimPosition]
        var balance: Decimal?
    }

    func truth() async -> Truth {
        let exchange = simulator.core.exchange
        let query = SimOrderQuery(accountId: accountId, statuses: Self.workingStatuses, pageSize: 100_000)
        let orders = (try? await exchange.query(query, by: userName).get().orders) ?? []
        let positions = (try? await exchange.openPositions(accountId: accountId, by: userName).get()) ?? []
        let balance = await exchange.account(accountId, ownedBy: userName)?.balance
        return Truth(
            orders: Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            positions: Dictionary(positions.filter { $0.size != 0 }.map { ($0.contractId, $0) }, uniquingKeysWith: { first, _ in first }),
            balance: balance
        )
    }

    /// What differs, one line each: working orders by id (status, size, prices, fill volume),
    /// positions by contract (signed size, average price), the balance.
    static func differences(sdk: AccountSnapshot, truth: Truth) -> [String] {
        var lines: [String] = []
        for id in Set(sdk.orders.keys).union(truth.orders.keys).sorted() {
            switch (sdk.orders[id], truth.orders[id]) {
            case let (mine?, real?):
                var diff: [String] = []
                if mine.status.rawValue != real.status.rawValue { diff.append("status \(mine.status) vs \(real.status)") }
                if mine.size != real.size { diff.append("size \(mine.size) vs \(real.size)") }
                if !same(mine.limitPrice, real.limitPrice) { diff.append("limit \(text(mine.limitPrice)) vs \(text(real.limitPrice))") }
                if !same(mine.stopPrice, real.stopPrice) { diff.append("stop \(text(mine.stopPrice)) vs \(text(real.stopPrice))") }
                if mine.fillVolume != real.fillVolume { diff.append("filled \(mine.fillVolume) vs \(real.fillVolume)") }
                if !diff.isEmpty { lines.append("order \(id): " + diff.joined(separator: ", ") + " (SDK vs simulator)") }
            case let (mine?, nil):
                lines.append("order \(id): working in the SDK (\(mine.status) \(mine.side) \(mine.size) \(mine.contractId)), not in the simulator")
            case let (nil, real?):
                lines.append("order \(id): working in the simulator (\(real.status) \(real.side) \(real.size) \(real.contractId)), missing in the SDK")
            default: break
            }
        }
        for contract in Set(sdk.positions.keys).union(truth.positions.keys).sorted() {
            let mine = sdk.positions[contract]
            let real = truth.positions[contract]
            let realSigned = real.map { $0.type == .short ? -$0.size : $0.size } ?? 0
            let mineSigned = mine?.signedSize ?? 0
            let averageAgrees = mine.flatMap { mine in real.map { same(mine.averagePrice, $0.averagePrice) } } ?? true
            if mineSigned != realSigned || !averageAgrees {
                lines.append(
                    "position \(contract): \(mineSigned) @ \(mine.map { "\($0.averagePrice)" } ?? "-") in the SDK, \(realSigned) @ \(real.map { "\($0.averagePrice)" } ?? "-") in the simulator"
                )
            }
        }
        if let real = truth.balance, let mine = sdk.balance, !same(mine, real) {
            lines.append("balance: \(mine) in the SDK, \(real) in the simulator")
        }
        return lines
    }

    // Both sides are exact decimals: equal means equal.
    private static func same(_ mine: Decimal?, _ real: Decimal?) -> Bool { mine == real }

    private static func text(_ price: Decimal?) -> String { price.map { "\($0)" } ?? "-" }

    // MARK: Duplicates

    /// Checks every placement of the traffic against the simulator's orders: a tag on more than
    /// one order is a duplicate; a placement resolved "not executed" must have no order, an
    /// executed one exactly the order the SDK returned.
    func placementFindings(_ records: [WriteRecord]) async -> (duplicates: [String], mismatches: [String]) {
        let all = (try? await simulator.core.exchange.orders(accountId: accountId, from: .distantPast, to: nil, by: userName).get()) ?? []
        var byTag: [String: [SimOrder]] = [:]
        for order in all { if let tag = order.customTag { byTag[tag, default: []].append(order) } }
        var duplicates: [String] = []
        var mismatches: [String] = []
        for record in records where record.kind == .place {
            guard let tag = record.tag else { continue }
            let found = byTag[tag] ?? []
            if found.count > 1 { duplicates.append("tag \(tag): orders \(found.map(\.id))") }
            switch record.result {
            case .answered, .executedAfterLoss:
                if found.count != 1 || found.first?.id != record.orderId {
                    mismatches.append("tag \(tag) \(record.result.rawValue) as order \(record.orderId.map(String.init) ?? "-"), simulator has \(found.map(\.id))")
                }
            case .notExecuted:
                if !found.isEmpty { mismatches.append("tag \(tag) resolved not executed, simulator has \(found.map(\.id))") }
            case .refused, .failed, .unknown:
                break
            }
        }
        return (duplicates, mismatches)
    }
}
