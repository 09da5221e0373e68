import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import TradingBot
import TestGate

/// `quote`, `trades` and `depth` under a person's eyes: stdout and stderr on a pseudo-terminal,
/// against the simulator. The quote board is redrawn in place, the status line says what
/// happens until data comes, and the depth ladder is laid out again when the terminal is resized.
@Suite("Live terminal displays", .gated)
struct LiveTerminalTests {
    /// What a line shows in the end: the text after its last carriage return, without escape
    /// sequences.
    static func visible(_ text: String) -> String {
        let last = text.components(separatedBy: "\r").last ?? text
        return last.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
    }

    static func environment(_ sim: SimulatorHarness) -> [String: String] {
        var environment = sim.environment
        environment["TERM"] = "xterm"
        return environment
    }

    @Test func theQuoteBoardIsRedrawnInPlace() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let session = try TerminalSession.start(["quote", "MES", "ES", "--count", "8"], environment: Self.environment(sim), rows: 24, columns: 72)
            let status = await session.exitStatus()
            let output = await session.text
            #expect(status == 0, "\(output)")
            #expect(output.contains("connecting to the market hub…"), "the status line while connecting: \(output)")
            #expect(output.contains("\u{1B}[?25l\u{1B}[2K\u{1B}[2mCONTRACT"), "the first frame, its header dimmed")
            #expect(output.contains("\r\u{1B}[3A\u{1B}[2K\u{1B}[2mCONTRACT"), "later frames go back up to the header")
            #expect(output.hasSuffix("\u{1B}[J\u{1B}[?25h"), "the last frame stays, the cursor is shown again")
            let frames = output.components(separatedBy: "\u{1B}[2K\u{1B}[2mCONTRACT")
            #expect(frames.count >= 9, "one frame per quote: \(frames.count)")
            let last = try #require(frames.last).components(separatedBy: "\n").dropLast().map(Self.visible)
            #expect(last.count == 3, "\(last)")
            for (line, name) in zip(last.dropFirst(), ["MESZ6", "ESZ6"]) {
                #expect(line.range(of: #"^\#(name) +\d+\.\d\d +[+-]?\d+\.\d\d \([+-]?\d+\.\d\d%\) +(\d+ +)?\d+\.\d\d x \d+\.\d\d"#, options: .regularExpression) != nil, "final values: \(line)")
            }
            #expect(output.components(separatedBy: "\n").allSatisfy { Self.visible($0).count <= 72 }, "cut to the width, never wrapped")
        }
    }

    @Test func noColourWithNoColorNorWhenPiped() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            var environment = Self.environment(sim)
            environment["NO_COLOR"] = "1"
            let session = try TerminalSession.start(["quote", "MES", "--count", "6"], environment: environment, rows: 24, columns: 120)
            let status = await session.exitStatus()
            let output = await session.text
            #expect(status == 0, "\(output)")
            #expect(output.contains("\u{1B}[2KMESZ6"), "still a board: \(output)")
            #expect(output.range(of: "\u{1B}\\[[0-9;]*m", options: .regularExpression) == nil, "no colour: \(output)")

            let piped = try await sim.run("quote", "MES", "--count", "2")
            #expect(piped.status == 0 && !piped.stdout.contains("\u{1B}") && piped.stderr.isEmpty, "\(piped)")
            #expect(piped.lines.first == "TIME (UTC)    CONTRACT       LAST          BID          ASK  CHANGE")
        }
    }

    @Test func theStatusLineSaysWhyNoDataCame() async throws {
        // The market does not move: the current quote and book come on subscribing, no trade.
        try await SimulatorHarness.with { sim in
            let session = try TerminalSession.start(["trades", "MES"], environment: Self.environment(sim), rows: 24, columns: 100)
            let subscribed = await session.waitFor { $0.contains("connected, subscribed to MESZ6; waiting for the first trade") }
            let soFar = await session.text
            #expect(subscribed, "\(soFar)")
            let closed = "no data yet: the CME Globex session is closed until "
            let open = "market open; no trades yet"
            let quiet = await session.waitFor { $0.contains(closed) || $0.contains(open) }
            let later = await session.text
            #expect(quiet, "\(later)")
            session.box.interrupt()
            let status = await session.exitStatus()
            let output = await session.text
            #expect(status == 0, "\(output)")
            switch MarketSession.state(at: Date()) {
            case .closed(let opens): #expect(output.contains(closed + MarketSession.describe(opens)) || output.contains(open), "\(output)")
            case .open: #expect(output.contains(open) || output.contains(closed), "\(output)")
            }
            #expect(output.hasPrefix("\r\u{1B}[2Kconnecting to the market hub…"))
            #expect(output.hasSuffix("\r\u{1B}[2K"), "the status line is erased at the end: \(output.suffix(80))")
            #expect(!output.contains("\n"), "one line, rewritten in place: \(output)")
        }
    }

    @Test func theQuoteBoardFollowsAResize() async throws {
        // The market does not move: after the first quote and book, only a resize can redraw
        // the board (until the feed watchdog's reconnect, 37.5 s later).
        try await SimulatorHarness.with { sim in
            let session = try TerminalSession.start(["quote", "MES"], environment: Self.environment(sim), rows: 24, columns: 100)
            // The quote, then the book's snapshot with the sizes: the last event for a while.
            let sizes = #"MESZ6 .* \d+ +\d+\.\d\d x \d+\.\d\d +\d+ "#
            let drawn = await session.waitFor { $0.range(of: sizes, options: .regularExpression) != nil && $0.hasSuffix("\u{1B}[J") }
            let first = await session.text
            #expect(drawn, "\(first)")
            let frames = first.components(separatedBy: "CONTRACT").count
            try session.resize(rows: 24, columns: 30)
            let redrawn = await session.waitFor { $0.components(separatedBy: "CONTRACT").count == frames + 1 && $0.hasSuffix("\u{1B}[J") }
            let afterResize = await session.text
            #expect(redrawn, "\(afterResize)")
            session.box.interrupt()
            let status = await session.exitStatus()
            let output = await session.text
            #expect(status == 0, "\(output)")
            let frame = String(output.dropFirst(first.count))
            #expect(frame.hasPrefix("\r\u{1B}[2A"), "back to the board's header: \(frame)")
            let lines = frame.components(separatedBy: "\n").dropLast().map(Self.visible)
            #expect(lines.count == 2 && lines.allSatisfy { $0.count <= 30 } && lines.contains { $0.count == 30 }, "cut at the new width: \(lines)")
        }
    }

    @Test func theDepthLadderIsRedrawnAtOnceOnResize() async throws {
        // The market does not move: after the snapshot, only a resize can redraw the ladder.
        try await SimulatorHarness.with { sim in
            let session = try TerminalSession.start(["depth", "MES", "--levels", "10"], environment: Self.environment(sim), rows: 40, columns: 100)
            let drawn = await session.waitFor { $0.components(separatedBy: "depth at").count == 2 && $0.hasSuffix("\u{1B}[J") }
            let first = await session.text
            #expect(drawn, "\(first)")
            try session.resize(rows: 12, columns: 40)
            let redrawn = await session.waitFor { $0.components(separatedBy: "depth at").count == 3 && $0.hasSuffix("\u{1B}[J") }
            let afterResize = await session.text
            #expect(redrawn, "\(afterResize)")
            session.box.interrupt()
            let status = await session.exitStatus()
            let output = await session.text
            #expect(status == 0, "the program survives the resize: \(output)")
            let frames = output.components(separatedBy: "\u{1B}[J")
            #expect(frames.count >= 2)
            let before = frames[0].components(separatedBy: "\n").dropLast().map(Self.visible)
            let levels = 10
            #expect(before.count == 2 + levels + 1 + levels, "title, header, ten levels a side and the spread: \(before)")
            let after = String(output.dropFirst(first.count)).components(separatedBy: "\n").dropLast().map(Self.visible)
            let fitted = (12 - 5) / 2
            #expect(after.count == 2 + fitted + 1 + fitted, "(12 - 5) / 2 levels a side: \(after)")
            #expect(after.allSatisfy { $0.count <= 40 }, "\(after)")
            #expect(String(output.dropFirst(first.count)).hasPrefix("\r\u{1B}[23A"), "back to the top of the first ladder")
        }
    }
}
