import BenchmarkSupport
import Foundation

/// The chaos run's findings, and the verdict.
struct ChaosReport {
    private(set) var injected = 0
    private(set) var byKind: [FaultKind: (injected: Int, recovered: Int)] = [:]
    private(set) var recoveryTimes: [Double] = []
    private(set) var recoveryByKind: [FaultKind: [Double]] = [:]
    private(set) var failures: [String] = []
    private(set) var hungInvocations = 0
    var elapsed: Duration = .zero
    var lostSubscriptions: [String] = []
    var refreshes = 0
    var peakConcurrentRefreshes = 0
    var gapsPerContract: [(String, Int)] = []
    var userGaps = 0
    var events = 0
    var droppedEvents = 0
    var logLines = 0
    var leakedLines: [String] = []
    /// Connection attempts both hubs made during each flapping fault.
    private(set) var flappingAttempts: [Int] = []
    /// The order traffic's findings (nil: the run had none).
    var orders: OrderTrafficReport?

    mutating func record(_ kind: FaultKind, _ outcome: FaultOutcome) {
        injected += 1
        var entry = byKind[kind] ?? (0, 0)
        entry.injected += 1
        if outcome.recovered { entry.recovered += 1 }
        byKind[kind] = entry
        if let time = outcome.recoveryTime {
            recoveryTimes.append(time.seconds)
            recoveryByKind[kind, default: []].append(time.seconds)
        }
        hungInvocations += outcome.hungInvocations
        if let flapping = outcome.flapping { flappingAttempts.append(flapping.attempts) }
        if let note = outcome.note { failures.append("\(kind.rawValue): \(note)") }
    }

    /// A lost-response fault, recovered when the SDK resolved the write whose answer was lost;
    /// `time` is from sending that write to the SDK's answer.
    mutating func recordLostAnswer(_ kind: FaultKind, recovered: Bool, time: Duration?, note: String?) {
        injected += 1
        var entry = byKind[kind] ?? (0, 0)
        entry.injected += 1
        if recovered { entry.recovered += 1 }
        byKind[kind] = entry
        if let time { recoveryByKind[kind, default: []].append(time.seconds) }
        if let note { failures.append("\(kind.rawValue): \(note)") }
    }

    var recovered: Int { byKind.values.reduce(0) { $0 + $1.recovered } }

    var passed: Bool {
        recovered == injected && lostSubscriptions.isEmpty && hungInvocations == 0 && peakConcurrentRefreshes <= 1 && leakedLines.isEmpty
            && (orders?.passed ?? true)
    }

    func render(seed: UInt64, staleWindow: Double) -> String {
        var out: [String] = []
        out.append("Chaos run: seed \(seed), \(injected) faults in \(String(format: "%.1f", elapsed.seconds)) s, stale-feed window \(staleWindow) s")
        out.append("")
        func ms(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0 * 1000) } ?? "-" }
        out.append(pad("fault", 24) + pad("injected", 10) + pad("recovered", 11) + pad("recovery p50", 14) + "max")
        for kind in FaultKind.allCases {
            let entry = byKind[kind] ?? (0, 0)
            let times = Percentiles(recoveryByKind[kind] ?? [])
            out.append(pad(kind.rawValue, 24) + pad("\(entry.injected)", 10) + pad("\(entry.recovered)", 11) + pad(ms(times.percentile(50)), 14) + ms(times.max))
        }
        out.append(pad("total", 24) + pad("\(injected)", 10) + "\(recovered)")
        out.append("")
        let times = Percentiles(recoveryTimes)
        out.append("recovery time (\(recoveryTimes.count) connection faults): min \(ms(times.min))  p50 \(ms(times.percentile(50)))  p99 \(ms(times.percentile(99)))  max \(ms(times.max))")
        out.append("subscriptions lost:             \(lostSubscriptions.count)\(lostSubscriptions.isEmpty ? "" : " (" + lostSubscriptions.joined(separator: ", ") + ")")")
        out.append("concurrent duplicate refreshes: \(max(0, peakConcurrentRefreshes - 1))  (\(refreshes) refreshes in all)")
        out.append("hung invocations:               \(hungInvocations)")
        if let most = flappingAttempts.max() {
            let window = FaultDriver.flappingWindow.seconds
            out.append("flapping hubs:                  at most \(most) connection attempts in \(String(format: "%.0f", window)) s, both hubs together (limit \(FaultDriver.flappingAttemptLimit); the run's policy backs off from 50 ms to 1 s)")
        }
        out.append("tokens found in the logs:       \(leakedLines.count)  (\(logLines) lines searched)")
        out.append("market events received:         \(events)  (dropped by slow consumers: \(droppedEvents))")
        out.append("gaps reported: " + gapsPerContract.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ", user hub \(userGaps)")
        if let orders {
            out.append("")
            out.append(contentsOf: orders.render())
        }
        if !failures.isEmpty {
            out.append("")
            out.append("failures:")
            out.append(contentsOf: failures.prefix(20).map { "  - \($0)" })
        }
        for line in leakedLines.prefix(3) { out.append("  leaked: \(line.prefix(160))") }
        out.append("")
        // The shape behind the percentiles above: a tail of slow recoveries shows as its own bars.
        out.append(contentsOf: LogHistogram(recoveryTimes.map { $0 * 1000 }).render(title: "Recovery time of the connection faults", unit: "ms"))
        out.append("")
        out.append(passed ? "PASS" : "FAIL")
        return out.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
