import GatewaySimulator

/// The order traffic's part of the chaos run's findings.
struct OrderTrafficReport: Sendable {
    var records: [WriteRecord] = []
    var checks = 0
    var divergences: [AccountAudit.Divergence] = []
    var duplicates: [String] = []
    var mismatches: [String] = []
    /// Lost-response faults queued that no write met before the run ended.
    var unmet = 0

    var unknown: [WriteRecord] { records.filter { $0.result == .unknown } }
    var contradictions: [WriteRecord] { records.filter(\.contradictsFault) }

    var passed: Bool {
        divergences.isEmpty && duplicates.isEmpty && mismatches.isEmpty && unknown.isEmpty && contradictions.isEmpty
    }

    func render() -> [String] {
        var out: [String] = []
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
        }
        out.append("order traffic: \(records.count) writes, \(records.filter { $0.lostMode != nil }.count) with a lost answer")
        out.append(pad("write", 10) + WriteResult.allCases.map { pad($0.rawValue, $0.rawValue.count + 2) }.joined() + "lost answers")
        for kind in WriteKind.allCases {
            let mine = records.filter { $0.kind == kind }
            let cells = WriteResult.allCases.map { result in pad("\(mine.filter { $0.result == result }.count)", result.rawValue.count + 2) }
            out.append(pad(kind.rawValue, 10) + cells.joined() + "\(mine.filter { $0.lostMode != nil }.count)")
        }
        let byMode = LostResponseMode.allCases.map { mode -> String in
            let lost = records.filter { $0.lostMode == mode }
            let resolved = lost.filter { $0.result == .executedAfterLoss || $0.result == .notExecuted }.count
            return "\(mode.rawValue) \(resolved)/\(lost.count)"
        }
        out.append("lost answers resolved (executed or not), by mode: " + byMode.joined(separator: ", "))
        out.append("account checks:                 \(checks) after recoveries, divergences \(divergences.count)")
        out.append("duplicate orders:               \(duplicates.count)  (\(records.filter { $0.kind == .place }.count) placements checked by tag)")
        out.append("placements not as resolved:     \(mismatches.count)")
        out.append("writes left unknown:            \(unknown.count)")
        out.append("not-executed writes read back as executed: \(contradictions.count)")
        let failed = records.filter { $0.result == .failed }
        if !failed.isEmpty { out.append("writes that failed otherwise:   \(failed.count) (first: \(failed.first?.detail?.prefix(200) ?? ""))") }
        if unmet > 0 { out.append("lost-answer faults no write met before the end: \(unmet)") }
        for divergence in divergences.prefix(3) {
            out.append("  divergence \(divergence.when):")
            out.append(contentsOf: divergence.lines.prefix(6).map { "    \($0)" })
        }
        for line in (duplicates + mismatches).prefix(5) { out.append("  \(line)") }
        for record in (unknown + contradictions).prefix(5) {
            out.append("  \(record.kind.rawValue) \(record.result.rawValue) (\(record.lostMode?.rawValue ?? "no fault")): \(record.detail?.prefix(200) ?? "")")
        }
        return out
    }
}
