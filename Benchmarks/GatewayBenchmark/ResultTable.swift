import BenchmarkSupport
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
            out.append("    (baseline: the same with JSONDecoder \(rate(limits.modelDecodingWithJSONDecoder)) msg/s)")
            out.append("")
        }
        func capacity(_ figures: ConsumerFigures) -> Double? {
            guard let cpu = figures.cpuSeconds, cpu > 0 else { return nil }
            return Double(figures.messages) / cpu
        }
        let swiftCapacity = throughput.first { $0.0 == "swift" }.flatMap { capacity($0.1) }
        out.append("Ingest over loopback, simulator at full rate (each client alone; the simulator shares the 2 cores):")
        out.append(row(["client", "offered ev/s", "received msg/s", "msg/CPU-s", "vs swift", "peak RSS", "note"]))
        for (name, figures, offered) in throughput {
            let perCPU = capacity(figures)
            let ratio = name == "swift" ? "1" : (perCPU.flatMap { value in swiftCapacity.map { String(format: "1/%.1f", $0 / value) } } ?? "-")
            out.append(row([name, rate(offered), rate(figures.rate), perCPU.map(rate) ?? "-", ratio,
                            figures.peakRSSMiB.map { String(format: "%.0f MiB", $0) } ?? "-", figures.broken ?? ""]))
        }
        out.append("")
        out.append("Latency, simulator send to callback (quotes):")
        out.append(row(["rate", "client", "received msg/s", "p50", "p99", "note"]))
        for (target, name, figures, _) in latency {
            out.append(row(["~\(target)/s", name, rate(figures.rate), ms(figures.latencyP50), ms(figures.latencyP99), figures.broken ?? ""]))
        }
        for (target, name, figures, _) in latency {
            guard let histogram = figures.latencyHistogram else { continue }
            out.append("")
            out.append(contentsOf: histogram.render(title: "Latency of \(name) at ~\(target) events/s", unit: "ms"))
        }
        out.append("")
        out.append("Recovery after a forced token expiry (gap to the next quote, Swift client): \(ms(recovery))")
        return out.joined(separator: "\n")
    }

    private func rate(_ value: Double) -> String { value >= 1000 ? String(format: "%.0fk", value / 1000) : String(format: "%.0f", value) }
    private func ms(_ value: Double?) -> String { value.map { String(format: "%.1f ms", $0) } ?? "-" }
    private func row(_ cells: [String]) -> String {
        let widths = [12, 14, 16, 11, 10, 10, 20]
        return cells.enumerated().map { index, cell in
            let width = index < widths.count ? widths[index] : 10
            return cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined()
    }
}
