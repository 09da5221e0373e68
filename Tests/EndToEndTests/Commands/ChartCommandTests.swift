import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestGate

/// `bars --chart` and `bars --svg FILE` as a child process against the simulator.
@Suite("Chart commands against the simulator", .gated)
struct ChartCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func chartFitsTheSizeFromTheEnvironment() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("bars", "MES", "--unit", "minute", "--count", "30", "--chart", environment: ["COLUMNS": "80", "LINES": "24"])
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines.count == 23, "one line is left for the prompt: \(result)")
            #expect(lines.allSatisfy { $0.count <= 80 }, "\(result)")
            #expect(lines.contains { $0.count == 80 }, "the labelled rows reach the right edge: \(result)")
            #expect(lines.first?.hasPrefix("MESZ6 1-minute bars") == true || lines.first?.contains("1-minute bars") == true, "\(result)")
            #expect(lines[1].hasPrefix("30 bars, "), "\(result)")
            #expect(lines.last?.hasSuffix("CST") == true || lines.last?.hasSuffix("CDT") == true, "the exchange's zone by default: \(result)")
            #expect(!result.stdout.contains("\u{1B}"), "no colour when stdout is not a terminal")
            // Price labels are exact quarter points.
            let labels = lines.filter { $0.contains("┤ ") }.compactMap { line in line.split(separator: "┤ ").last.map(String.init) }.filter { !$0.hasPrefix("vol") }
            #expect(!labels.isEmpty)
            #expect(labels.allSatisfy { $0.hasSuffix(".00") || $0.hasSuffix(".25") || $0.hasSuffix(".50") || $0.hasSuffix(".75") }, "\(labels)")
            // The candles are the bars the table shows.
            let json = try await sim.run("bars", "MES", "--unit", "minute", "--count", "30", "--json").jsonObjects()
            #expect(json.count == 30)
        }
    }

    @Test func onATerminalTheChartTakesItsSizeAndColours() async throws {
        try await SimulatorHarness.with { sim in
            var environment = sim.environment
            environment["COLUMNS"] = "120"  // the terminal's own size wins
            environment["LINES"] = "50"
            environment["TERM"] = "xterm"
            let (status, output) = try await TerminalOutputRunner.run(
                ["bars", "MES", "--unit", "minute", "--count", "30", "--chart"], environment: environment, rows: 20, columns: 70)
            #expect(status == 0, "\(output)")
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines.count == 19, "\(output)")
            #expect(output.contains("\u{1B}[32m") || output.contains("\u{1B}[31m"), "colours on a terminal")
            let visible = lines.map { $0.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }
            #expect(visible.allSatisfy { $0.count <= 70 }, "\(visible)")
            #expect(visible.contains { $0.count == 70 }, "\(visible)")

            environment["NO_COLOR"] = "1"
            let plain = try await TerminalOutputRunner.run(
                ["bars", "MES", "--unit", "minute", "--count", "30", "--chart"], environment: environment, rows: 20, columns: 70)
            #expect(plain.status == 0)
            #expect(!plain.output.contains("\u{1B}"), "NO_COLOR turns colours off")
            #expect(plain.output.contains("░") || plain.output.contains("█"))
        }
    }

    @Test func chartWithJSONIsAUsageError() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("bars", "MES", "--unit", "minute", "--chart", "--json")
            #expect(result.status == 64, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1 && result.stderr.contains("--chart"), "\(result)")
            let human = try await sim.run("bars", "MES", "--unit", "minute", "--force")
            #expect(human.status == 64 && human.stderr.contains("--svg"), "\(human)")
        }
    }

    @Test func svgIsWrittenOnceAndReplacedOnlyWithForce() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mes.svg").path
        try await SimulatorHarness.with { sim in
            let written = try await sim.run("bars", "MES", "--unit", "minute", "--count", "30", "--svg", file)
            #expect(written.status == 0, "\(written)")
            #expect(written.lines == ["Wrote a chart of 30 MESZ6 bars to \(file)."], "\(written)")
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "well-formed: \(String(parser.parserError.map { "\($0)" } ?? ""))")
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.components(separatedBy: "class=\"wick\"").count - 1 == 30)
            #expect(text.components(separatedBy: "class=\"volume\"").count - 1 == 30)
            #expect(text.contains("<title>MESZ6 1-minute bars, "))

            let again = try await sim.run("bars", "MES", "--unit", "minute", "--count", "5", "--svg", file)
            #expect(again.status == 64, "\(again)")
            #expect(again.stderr.contains("already exists") && again.stderr.contains("--force"), "\(again)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == data, "the refused run left the file as it was")

            let forced = try await sim.run("bars", "MES", "--unit", "minute", "--count", "5", "--svg", file, "--force")
            #expect(forced.status == 0, "\(forced)")
            let replaced = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            #expect(replaced.components(separatedBy: "class=\"wick\"").count - 1 == 5)
            // Atomic: no temporary file is left beside it.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["mes.svg"])

            let missing = try await sim.run("bars", "MES", "--unit", "minute", "--svg", folder.appendingPathComponent("no/such/x.svg").path)
            #expect(missing.status == 64 && missing.stderr.contains("does not exist"), "\(missing)")

            let json = try await sim.run("bars", "MES", "--unit", "minute", "--count", "3", "--svg", folder.appendingPathComponent("j.svg").path, "--json")
            #expect(json.status == 0, "\(json)")
            #expect(try json.jsonObjects().count == 3, "the bars stay JSON lines on stdout; the note goes to stderr")
            #expect(json.stderr.contains("Wrote a chart of 3"))
        }
    }

    @Test func fillsChartDrawsTheRunningProfit() async throws {
        try await SimulatorHarness.with { sim in
            let account = SimulatorHarness.practice.name
            let empty = try await sim.run("fills", "--account", account, "--chart", environment: ["COLUMNS": "60", "LINES": "16"])
            #expect(empty.status == 0, "\(empty)")
            #expect(empty.lines == ["Realised P&L on \(account)", "No fills in that window.", "Nothing to draw."], "\(empty)")

            for side in ["buy", "sell"] {
                let placed = try await sim.run(
                    "order", "place", "--account", account, "--contract", "MES", "--side", side, "--type", "market", "--size", "1")
                #expect(placed.status == 0, "\(placed)")
            }
            let chart = try await sim.run("fills", "--account", account, "--chart", environment: ["COLUMNS": "60", "LINES": "16"])
            #expect(chart.status == 0, "\(chart)")
            let lines = chart.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines.count == 15, "\(chart)")
            #expect(lines.allSatisfy { $0.count <= 60 }, "\(chart)")
            #expect(lines[1].hasPrefix("2 fills: "), "\(chart)")
            #expect(chart.stdout.filter { $0 == "●" }.count == 2, "one point per fill: \(chart)")
            #expect(lines.last?.hasSuffix("CST") == true || lines.last?.hasSuffix("CDT") == true, "\(chart)")
            let utc = try await sim.run("fills", "--account", account, "--chart", "--tz", "UTC", environment: ["COLUMNS": "60", "LINES": "16"])
            #expect(utc.stdout.hasSuffix("UTC\n"), "\(utc)")

            let json = try await sim.run("fills", "--account", account, "--chart", "--json")
            #expect(json.status == 64 && json.stderrLines.count == 1, "\(json)")
        }
    }
}
