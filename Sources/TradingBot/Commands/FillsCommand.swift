import ArgumentParser
import Foundation
import Gateway

/// `fills --account ID`: executions of an account (`Trade/search`), one row per fill.
struct FillsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "fills",
        abstract: "List the fills (executed trades) of an account.",
        discussion: """
            One row per fill in the window (default: the last 24 hours). An empty P&L marks an \
            opening fill. A totals line follows the table: fills, contracts bought and sold, \
            gross P&L (before fees), fees and net P&L, and the same per contract when there is \
            more than one; voided fills are left out. With --json the last line is \
            {"totals": {...}} with the same figures. (`trades CONTRACT` is the market's trade \
            stream, not your fills.)

            --chart draws the running total of the fills' realised P&L (before fees) in the \
            terminal instead of the table, sized like `bars --chart`.

            Example:
              trading-bot fills --account PRAC-V2-51342-73810925 --from 2026-11-27
              trading-bot fills --account PRAC-V2-51342-73810925 --from today
              trading-bot fills --account PRAC-V2-51342-73810925 --chart
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: ReadAccountOption

    @Option(parsing: .unconditional, help: ArgumentHelp("Fills from this time (default: -24h; see `bars --help` for the forms).", valueName: "time"), transform: TimeArgument.parse)
    var from: TimeArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Fills until this time.", valueName: "time"), transform: TimeArgument.parse)
    var to: TimeArgument?

    @Flag(help: "Draw the cumulative realised P&L of the fills instead of the table.")
    var chart = false

    func validate() throws {
        if chart && global.json {
            throw ValidationError("--chart draws for people and --json prints for scripts; give one of them.")
        }
    }

    func execute(in context: CommandContext) async throws {
        let account = try await context.readAccount(account.account)
        let now = Date()
        let start = try context.instant(from, option: "--from", now: now) ?? now.addingTimeInterval(-86_400)
        let end = try context.instant(to, option: "--to", now: now)
        if let end, start > end { throw CLIError.usage("--from must not be after --to.") }
        let fills = try await context.client.trades(accountId: account.id, from: start, to: end)
        let totals = FillTotals(fills)
        try context.output.jsonLines(fills)
        try context.output.jsonLine(totals)
        if chart {
            let size = ChartSize.resolve(terminal: TerminalSize.of(), environment: ProcessInfo.processInfo.environment)
            for line in Self.profitChart(fills, account: account.name, size: size, times: context.configuration.times).lines() { context.output.text(line) }
            return
        }
        guard !context.output.json else { return }
        let symbols = await context.contractSymbols(for: fills.map(\.contractId))
        var table = TextTable(columns: [
            .right("ID"), .right("ORDER"), .left("SYMBOL"), .left("CONTRACT"), .left("SIDE"), .right("SIZE"), .right("PRICE"), .right("P&L"),
            .right("FEES"), .left("TIME"), .left("VOIDED"),
        ])
        for fill in fills {
            table.append([
                String(fill.id), String(fill.orderId), symbols.symbol(of: fill.contractId), fill.contractId, Formatting.side(fill.side), String(fill.size),
                Formatting.price(fill.price), Formatting.money(fill.profitAndLoss), Formatting.money(fill.fees),
                context.configuration.times.stamp(fill.creationTimestamp), fill.voided ? "voided" : "",
            ])
        }
        context.output.table(table, empty: "No fills on \(account.name) in that window.")
        if !fills.isEmpty { for line in totals.lines(label: symbols.label) { context.output.text(line) } }
    }

    /// The running total of the realised P&L of `fills` (voided ones left out), one point per
    /// fill in time order; an opening fill repeats the total.
    static func profitChart(_ fills: [Trade], account: String, size: ChartSize, times: TimeDisplay) -> LineChart {
        let counted = fills.filter { !$0.voided }.sorted { ($0.creationTimestamp ?? .distantPast) < ($1.creationTimestamp ?? .distantPast) }
        var total = Decimal(0)
        var fees = Decimal(0)
        var points: [LineChart.Point] = []
        for fill in counted {
            total += fill.profitAndLoss ?? 0
            fees += fill.fees
            points.append(LineChart.Point(time: fill.creationTimestamp ?? .distantPast, value: total))
        }
        let caption = counted.isEmpty
            ? "No fills in that window."
            : "\(counted.count == 1 ? "1 fill" : "\(counted.count) fills"): \(total > 0 ? "+" : "")\(Formatting.exactMoney(total)) before fees of \(Formatting.exactMoney(fees))"
        return LineChart(title: "Realised P&L on \(account)", caption: caption, points: points, size: size, times: times)
    }
}
