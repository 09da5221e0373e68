import Foundation

/// The process's peak resident set size.
enum PeakMemory {
    /// `VmHWM` from /proc/self/status in MiB (Linux); `nil` where it cannot be read.
    ///
    /// Read from /proc rather than `getrusage`: after `exec`, `ru_maxrss` can still hold the
    /// parent's peak.
    static func residentMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}
