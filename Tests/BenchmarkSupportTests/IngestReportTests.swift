import Testing
@testable import BenchmarkSupport
import TestGate

@Suite("IngestReport passes only an exact count and last seq, in the driver's line format", .gated)
struct IngestReportTests {
    private func report(messages: Int = 1000, lastSeq: Int? = 1000, announced: Int? = 1000, seconds: Double? = 0.5) -> IngestReport {
        IngestReport(client: "swift-raw", messages: messages, lastSeq: lastSeq, announced: announced, seconds: seconds, peakResidentMiB: 12.34)
    }

    @Test func exactRunPasses() {
        let passed = report()
        #expect(passed.outcome == .passed && passed.exitCode == 0 && passed.problem == nil)
        #expect(passed.line == "client=swift-raw messages=1000 seconds=0.500 msgs_per_s=2000 rss_mb=12.3")
    }

    @Test func wrongCountOrLastSeqIsAMismatch() {
        for bad in [report(messages: 999), report(lastSeq: 999), report(lastSeq: nil), report(messages: 1001, lastSeq: 1001)] {
            #expect(bad.outcome == .mismatch && bad.exitCode == 2)
            #expect(bad.problem?.contains("MISMATCH") == true)
            // The line is still printed with the measured rate: the driver records it and the exit code fails it.
            #expect(bad.line.contains("msgs_per_s=") && !bad.line.contains("nan"))
        }
        #expect(report(lastSeq: nil).problem?.contains("last seq unreadable") == true)
    }

    @Test func missingDoneOrTimeIsIncomplete() {
        for incomplete in [report(announced: nil), report(seconds: nil), report(seconds: 0)] {
            #expect(incomplete.outcome == .incomplete && incomplete.exitCode == 3)
            #expect(incomplete.line == "client=swift-raw messages=1000 seconds=nan msgs_per_s=nan rss_mb=12.3")
        }
        #expect(report(announced: nil).problem?.contains("no Done") == true)
    }

    @Test func unknownMemoryPrintsNan() {
        let unknown = IngestReport(client: "c", messages: 1, lastSeq: 1, announced: 1, seconds: 1, peakResidentMiB: nil)
        #expect(unknown.line == "client=c messages=1 seconds=1.000 msgs_per_s=1 rss_mb=nan")
    }
}
