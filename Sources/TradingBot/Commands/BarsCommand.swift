import ArgumentParser
import Foundation

/// `bars CONTRACT --unit UNIT`: history bars (`History/retrieveBars`), oldest first.
struct BarsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "bars",
        abstract: "Show history bars of a contract.",
        discussion: """
            Prints the most recent --count bars of the window, oldest first. Without --from the \
            window reaches back far enough for --count bars across closed sessions; --to defaults \
            to now. A time (--from, --to, here and in `orders` and `fills`) is now, today, \
            yesterday (midnight in the display zone, --tz), a time before now (-30m, -2h, -3d, \
            -1w), a date or date-time in the display zone (2026-11-27, 2026-11-27T14:30, \
            2026-11-27 14:30:05) or one with an offset (2026-11-27T14:30:00Z, \
            2026-11-27T14:30-05:00). Times print in the display zone, named.

            --chart draws the bars as candles sized to the terminal (or COLUMNS and LINES when \
            stdout is not one), with a volume strip, exact prices on the right and times \
            below; colours only on a terminal and without NO_COLOR. --svg FILE writes the same \
            chart as a standalone SVG file (it refuses to replace a file unless --force).

            Example:
              trading-bot bars MES --unit minute --unit-number 5 --count 12
              trading-bot bars CON.F.US.MES.Z26 --unit day --from 2026-10-01 --to 2026-11-01 --json
              trading-bot bars MES --unit minute --count 120 --chart
              trading-bot bars MES --unit hour --count 48 --svg mes.svg
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The contract id or symbol.", valueName: "contract"))
    var contract: String

    @Option(help: "The bar unit: second, minute, hour, day, week, month or tick.")
    var unit: BarUnitArgument

    @Option(name: .customLong("unit-number"), help: "Units per bar: 5 with --unit minute is five-minute bars.")
    var unitNumber = 1

    @Option(help: "The most bars to show (at most 20000).")
    var count = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("The start of the window.", valueName: "time"), transform: TimeArgument.parse)
    var from: TimeArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("The end of the window (default: now).", valueName: "time"), transform: TimeArgument.parse)
    var to: TimeArgument?

    @Flag(help: "Use the live-data tier instead of the simulated one.")
    var live = false

    @Flag(name: .customLong("partial"), help: "Include the bar that is still forming.")
    var includePartialBar = false

    @Flag(help: "Draw the bars as candles in the terminal instead of a table.")
    var chart = false

    @Option(help: ArgumentHelp("Also write the bars as an SVG chart to this file.", valueName: "file"), completion: .file(extensions: ["svg"]))
    var svg: String?

    @Flag(help: "Let --svg replace an existing file.")
    var force = false

    func validate() throws {
        if chart && global.json {
            throw ValidationError("--chart draws for people and --json prints for scripts; give one of them.")
        }
        if force && svg == nil { throw ValidationError("--force only applies to --svg FILE; give the file too.") }
        if let svg, svg.isEmpty { throw ValidationError("--svg needs a file name, such as --svg chart.svg.") }
        guard (1...10_000).contains(unitNumber) else { throw ValidationError("--unit-number must be between 1 and 10000 (it is \(unitNumber)).") }
        guard (1...20_000).contains(count) else { throw ValidationError("--count must be between 1 and 20000 (it is \(count)).") }
    }

    /// The window to ask for: the given bounds, or enough time before `to` for `count` bars with
    /// room for weekends and holidays (three times the bars' span, at least four days).
    static func window(unit: BarUnitArgument, unitNumber: Int, count: Int, from: Date?, to: Date?, now: Date) -> (Date, Date) {
        let end = to ?? now
        if let from { return (from, end) }
        let span = (unit.nominalSeconds ?? 1) * Double(unitNumber) * Double(count) * 3
        return (end.addingTimeInterval(-max(span, 4 * 86_400)), end)
    }

    func execute(in context: CommandContext) async throws {
        let contract = try await context.contract(contract, live: live ? true : nil)
        let now = Date()
        let first = try context.instant(from, option: "--from", now: now)
        let last = try context.instant(to, option: "--to", now: now)
        if let first, let last, first >= last { throw CLIError.usage("--from must be before --to.") }
        let (start, end) = Self.window(unit: unit, unitNumber: unitNumber, count: count, from: first, to: last, now: now)
        let bars = try await context.client.bars(
            contractId: contract.id, unit: unit.unit, unitNumber: unitNumber, from: start, to: end,
            limit: count, includePartialBar: includePartialBar, live: live
        )
        let shown = Array(bars.suffix(count))
        let times = context.configuration.times
        try context.output.jsonLines(shown)
        if let svg {
            let title = "\(contract.name) \(unit.barsName(unitNumber: unitNumber)), \(times.stamp(shown.first?.time ?? start)) to \(times.stamp(shown.last?.time ?? end))"
            try ChartFile.write(SVGCandleChart(title: title, bars: shown, tick: contract.tickGrid, times: times).document(), to: svg, replacing: force)
            let line = "Wrote a chart of \(shown.count) \(contract.name) bars to \(svg)."
            if context.output.json { context.output.note(line) } else { context.output.text(line) }
        }
        if chart {
            guard !shown.isEmpty else {
                context.output.text("No \(contract.name) bars between \(times.stamp(start)) and \(times.stamp(end)).")
                return
            }
            let drawing = CandleChart(
                title: "\(contract.name) \(unit.barsName(unitNumber: unitNumber))", bars: shown, tick: contract.tickGrid,
                size: ChartSize.resolve(terminal: TerminalSize.of(), environment: ProcessInfo.processInfo.environment),
                colors: context.output.isTerminal && TerminalSize.allowsColor, times: times
            )
            for line in drawing.lines() { context.output.text(line) }
            return
        }
        if svg != nil { return }
        var table = TextTable(columns: [.left("TIME"), .right("OPEN"), .right("HIGH"), .right("LOW"), .right("CLOSE"), .right("VOLUME")])
        for bar in shown {
            table.append([
                times.stamp(bar.time), Formatting.price(bar.open), Formatting.price(bar.high), Formatting.price(bar.low),
                Formatting.price(bar.close), String(bar.volume),
            ])
        }
        context.output.table(table, empty: "No \(contract.name) bars between \(times.stamp(start)) and \(times.stamp(end)).")
    }
}
