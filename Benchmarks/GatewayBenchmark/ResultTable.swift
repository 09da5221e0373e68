import Foundation

/// The benchmark's closing table.
struct ResultTable {
    var machine = ""
    var limits: FramingLimit.Figures?
    var throughput: [(String, ConsumerFigures, Double)] = []
    var latency: [(Int, String, ConsumerFigures, Double)] = []
    var recovery: Double?

    func render() -> String {
        var out: [String] = []
        out.append("Machine: \(machine)")
        out.append("")
        if let limits {
            out.append("In-process limits (\(limits.messageBytes)-byte messages, one per frame):")
            out.append("  split on 0x1E only                 \(rate(limits.framing)) msg/s")
            out.append("  + hub message decoding             \(rate(limits.hubDecoding)) msg/s")
            out.append("  + market model decoding            \(rate(limits.modelDecoding)) msg/s")
            out.append("")
        }
        let swiftRate = throughput.first { $0.0 == "swift" }?.1.rate
        out.append("Ingest over loopback, simulator at full rate (each client alone):")
        out.append(row(["client", "offered ev/s", "received msg/s", "vs python", "peak RSS", "note"]))
        for (name, figures, offered) in throughput {
            var ratio = "-"
            if name == "swift" {
                let others = throughput.filter { $0.0 != "swift" && $0.1.rate > 0 }.map { $0.1.rate }
                if let best = others.max(), let swiftRate { ratio = String(format: "%.1fx best", swiftRate / best) }
            } else if let swiftRate, figures.rate > 0 {
                ratio = String(format: "1/%.1f", swiftRate / figures.rate)
            }
            out.append(row([name, rate(offered), rate(figures.rate), ratio, figures.peakRSSMiB.map { String(format: "%.0f MiB", $0) } ?? "-", figures.broken ?? ""]))
        }
        out.append("")
        out.append("Latency, simulator send to callback (quotes):")
        out.append(row(["rate", "client", "received msg/s", "p50", "p99", "note"]))
        for (target, name, figures, _) in latency {
            out.append(row(["~\(target)/s", name, rate(figures.rate), ms(figures.latencyP50), ms(figures.latencyP99), figures.broken ?? ""]))
        }
        out.append("")
        out.append("Recovery after a forced token expiry (gap to the next quote, Swift client): \(ms(recovery))")
        return out.joined(separator: "\n")
    }

    private func rate(_ value: Double) -> String { value >= 1000 ? String(format: "%.0fk", value / 1000) : String(format: "%.0f", value) }
    private func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
    private func row(_ cells: [String]) -> String {
        let widths = [12, 18, 16, 12, 10, 20]
        return cells.enumerated().map { index, cell in
            let width = index < widths.count ? widths[index] : 10
            return cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}
