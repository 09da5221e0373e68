import Foundation

/// The verdict and the one-line result of an ingest-benchmark consumer, in the format the shared
/// benchmark driver parses:
/// `client=NAME messages=N seconds=S msgs_per_s=R rss_mb=M`.
///
/// A run passes when the feed's `Done` event arrived, the consumer counted exactly the number of
/// quotes `Done` announced, and the last quote's `seq` equals that number.
///
/// ```swift
/// let report = IngestReport(client: "swift-raw", messages: 1000, lastSeq: 1000, announced: 1000,
///                           seconds: 0.5, peakResidentMiB: 12.3)
/// report.line       // "client=swift-raw messages=1000 seconds=0.500 msgs_per_s=2000 rss_mb=12.3"
/// report.exitCode   // 0
/// ```
public struct IngestReport: Sendable, Equatable {
    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        case passed
        /// The count or the last `seq` differs from what `Done` announced.
        case mismatch
        /// No `Done` event (or no quote at all) before the timeout.
        case incomplete
    }

    public var client: String
    /// Quotes counted.
    public var messages: Int
    /// The `seq` of the last quote counted, if it could be read.
    public var lastSeq: Int?
    /// The number of quotes the feed's `Done` event announced; `nil`: no `Done`.
    public var announced: Int?
    /// From the first quote to `Done`; `nil` when either is missing.
    public var seconds: Double?
    public var peakResidentMiB: Double?

    public init(client: String, messages: Int, lastSeq: Int?, announced: Int?, seconds: Double?, peakResidentMiB: Double?) {
        self.client = client
        self.messages = messages
        self.lastSeq = lastSeq
        self.announced = announced
        self.seconds = seconds
        self.peakResidentMiB = peakResidentMiB
    }

    public var outcome: Outcome {
        guard let announced, let seconds, seconds > 0 else { return .incomplete }
        return messages == announced && lastSeq == announced ? .passed : .mismatch
    }

    /// 0 passed, 2 mismatch, 3 incomplete (the codes of the shared Python consumers).
    public var exitCode: Int32 {
        switch outcome {
        case .passed: 0
        case .mismatch: 2
        case .incomplete: 3
        }
    }

    /// The result line (on stdout). Rates and times are `nan` when the run is incomplete, as the
    /// Python consumers print them.
    public var line: String {
        let rss = String(format: "%.1f", peakResidentMiB ?? .nan)
        guard announced != nil, let seconds, seconds > 0 else {
            return "client=\(client) messages=\(messages) seconds=nan msgs_per_s=nan rss_mb=\(rss)"
        }
        let rate = Double(messages) / seconds
        return "client=\(client) messages=\(messages) seconds=\(String(format: "%.3f", seconds)) msgs_per_s=\(String(format: "%.0f", rate)) rss_mb=\(rss)"
    }

    /// What went wrong, for stderr; `nil` when the run passed.
    public var problem: String? {
        let seq = lastSeq.map(String.init) ?? "unreadable"
        switch outcome {
        case .passed:
            return nil
        case .mismatch:
            return "\(client): MISMATCH got \(messages) quotes (last seq \(seq)), Done says \(announced ?? 0)"
        case .incomplete where announced == nil:
            return "\(client): no Done event before the timeout, after \(messages) quotes (is the feed at the URL running?)"
        case .incomplete:
            return "\(client): Done arrived but no quote was timed (\(messages) quotes counted)"
        }
    }
}
