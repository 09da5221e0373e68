import Foundation
import Gateway
import GatewaySimulator
import NIOConcurrencyHelpers

/// The order traffic of a chaos run with what checks it: the SDK's ``AccountMonitor`` of the
/// practice account, and the audit that compares it with the simulator after every recovery.
final class TrafficRun: Sendable {
    let driver: OrderTraffic
    let monitor: AccountMonitor
    let audit: AccountAudit
    private let task: Task<Void, Never>
    private let findings = NIOLockedValueBox((checks: 0, divergences: [AccountAudit.Divergence]()))

    /// How long the monitor may take to be in sync again after a recovery, and how long a
    /// difference from the simulator may last before it counts (fills change both sides).
    static let syncTimeout = 20.0
    static let settleTime = 5.0

    private init(driver: OrderTraffic, monitor: AccountMonitor, audit: AccountAudit) {
        self.driver = driver
        self.monitor = monitor
        self.audit = audit
        task = Task { await driver.run() }
    }

    /// Starts the account monitor and, once it is in sync, the traffic: limit orders and
    /// brackets on MES, market orders and closes on MNQ.
    static func start(
        client: GatewayClient, simulator: GatewaySimulator, user: UserHub, market: MarketHub, account: Account, contracts: [String: Contract],
        rate: Double, hangSeconds: Double, seed: UInt64
    ) async throws -> TrafficRun {
        guard let limits = contracts["MES"], let markets = contracts["MNQ"] else {
            throw ChaosSetupError("The order traffic trades MES and MNQ, and the simulator resolved only \(contracts.keys.sorted()).")
        }
        let monitor = AccountMonitor(client: client, accountId: account.id, userHub: user)
        await monitor.start()
        do {
            try await monitor.synchronized(timeout: .seconds(30))
        } catch {
            throw ChaosSetupError("The account monitor of account \(account.id) did not get in sync within 30 s: \(error)")
        }
        let driver = OrderTraffic(
            client: client, simulator: simulator, monitor: monitor, accountId: account.id,
            limitLane: .init(contract: limits), marketLane: .init(contract: markets), rate: rate, hangSeconds: hangSeconds, seed: seed
        )
        let audit = AccountAudit(simulator: simulator, monitor: monitor, user: user, accountId: account.id, userName: SimulatedUser.defaultUserName)
        return TrafficRun(driver: driver, monitor: monitor, audit: audit)
    }

    /// Pauses the traffic (the write in flight finishes, resolution included), compares the
    /// account state with the simulator's, and resumes.
    func check(after label: String, since: ContinuousClock.Instant?) async {
        await driver.pause()
        let divergence = await audit.check(after: label, since: since, syncTimeout: Self.syncTimeout, settle: Self.settleTime)
        driver.resume()
        findings.withLockedValue { findings in
            findings.checks += 1
            if let divergence { findings.divergences.append(divergence) }
        }
    }

    /// Stops the account monitor. It removes this account's order, position and trade
    /// subscriptions from the shared user hub, so only after the run's last check of that hub.
    func stopMonitor() async { await monitor.stop() }

    /// Lets the queued lost-answer faults meet their writes (up to 60 s), stops the traffic,
    /// makes a last comparison, checks every placement by tag, and records each lost answer as
    /// a fault in `report`.
    func finish(into report: inout ChaosReport) async -> OrderTrafficReport {
        _ = try? await waitUntil(seconds: 60) { [driver] in driver.outstandingFaults == 0 }
        let unmet = driver.outstandingFaults
        await driver.stop()
        task.cancel()
        await check(after: "the last fault", since: nil)
        var result = OrderTrafficReport()
        result.records = driver.records
        result.unmet = unmet
        (result.checks, result.divergences) = findings.withLockedValue { ($0.checks, $0.divergences) }
        (result.duplicates, result.mismatches) = await audit.placementFindings(result.records)
        for record in result.records {
            guard let mode = record.lostMode else { continue }
            let resolved = record.result == .executedAfterLoss || record.result == .notExecuted
            let note: String? =
                record.contradictsFault
                ? "a \(record.kind.rawValue) the simulator did not execute was reported executed"
                : resolved ? nil : "a \(record.kind.rawValue) whose answer was lost ended \(record.result.rawValue): \(record.detail ?? "")"
            report.recordLostAnswer(.losing(mode), recovered: resolved && !record.contradictsFault, time: record.duration, note: note)
        }
        return result
    }
}

/// The chaos run could not set up what it needs.
struct ChaosSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
