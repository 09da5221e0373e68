import BenchmarkSupport
import Foundation
import Gateway
import MarketData
import NIOConcurrencyHelpers

/// Counts market events and samples latency (the quote's generation `timestamp` to now), and
/// notices the gap and recovery around a forced token expiry.
final class IngestMeter: Sendable {
    private struct State {
        var counting = false
        var started: ContinuousClock.Instant?
        var cpuAtStart: Double = 0
        var messages = 0
        var latencies: [Double] = []
        var gapAt: ContinuousClock.Instant?
        var recoveries: [Double] = []
    }

    private let state = NIOLockedValueBox(State())

    func record(_ event: MarketEvent) {
        let now = Date()
        let instant = ContinuousClock.now
        state.withLockedValue { state in
            switch event {
            case .gap:
                if state.gapAt == nil { state.gapAt = instant }
                return
            case .quote(_, let quote):
                if let gap = state.gapAt {
                    state.recoveries.append((instant - gap).milliseconds)
                    state.gapAt = nil
                }
                guard state.counting else { return }
                state.messages += 1
                if state.latencies.count < 200_000, let stamp = quote.timestamp, let sent = GatewayTimestamp.parse(stamp) {
                    state.latencies.append(now.timeIntervalSince(sent) * 1000)
                }
            case .trades, .depth:
                if state.counting { state.messages += 1 }
            case .live:
                return
            }
        }
    }

    func startCounting() {
        state.withLockedValue {
            $0.counting = true
            $0.started = .now
            $0.cpuAtStart = ProcessMemory.cpuSeconds()
        }
    }

    func stopCounting() -> ConsumerFigures {
        state.withLockedValue { state in
            state.counting = false
            let elapsed = state.started.map { (ContinuousClock.now - $0).seconds } ?? 0
            let latencies = Percentiles(state.latencies)
            return ConsumerFigures(
                client: "", messages: state.messages, seconds: elapsed,
                rate: elapsed > 0 ? Double(state.messages) / elapsed : 0,
                latencyP50: latencies.percentile(50), latencyP99: latencies.percentile(99),
                latencyHistogram: state.latencies.isEmpty ? nil : LogHistogram(state.latencies),
                peakRSSMiB: nil, cpuSeconds: ProcessMemory.cpuSeconds() - state.cpuAtStart, broken: nil,
                recoveryMilliseconds: state.recoveries.first
            )
        }
    }
}

/// What one consumer reports; the Python script prints the same fields.
struct ConsumerFigures: Codable, Sendable {
    var client: String
    var messages: Int
    var seconds: Double
    var rate: Double
    var latencyP50: Double?
    var latencyP99: Double?
    /// The latency samples' histogram, in ms (the Swift consumer only; the Python script sends none).
    var latencyHistogram: LogHistogram?
    var peakRSSMiB: Double?
    /// CPU time the consumer process used while counting: messages per CPU-second is its
    /// capacity, independent of how the two cores were shared with the simulator.
    var cpuSeconds: Double?
    var broken: String?
    var recoveryMilliseconds: Double?
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    var milliseconds: Double { seconds * 1000 }
}

/// The process's peak resident set size, from /proc (Linux) or getrusage elsewhere.
enum ProcessMemory {
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func peakResidentMiB() -> Double? {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kilobytes / 1024
        }
        return nil
    }
}
