import ArgumentParser
import Foundation

/// `fills --account ID`: executions of an account (`Trade/search`), one row per fill.
struct FillsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "fills",
        abstract: "List the fills (executed trades) of an account.",
        discussion: """
            One row per fill in the window (default: the last 24 hours). An empty P&L marks an \
            opening fill. (`trades CONTRACT` is the market's trade stream, not your fills.)

            Example:
              trading-bot fills --account PRAC-V2-51342-73810925 --from 2026-11-27
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Option(help: ArgumentHelp("Fills from this time (default: 24 hours ago).", valueName: "time"))
    var from: TimeArgument?

    @Option(help: ArgumentHelp("Fills until this time.", valueName: "time"))
    var to: TimeArgument?

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let fills = try await context.client.trades(accountId: account.id, from: from?.date ?? Date().addingTimeInterval(-86_400), to: to?.date)
        try context.output.jsonLines(fills)
        var table = TextTable(columns: [
            .right("ID"), .right("ORDER"), .left("CONTRACT"), .left("SIDE"), .right("SIZE"), .right("PRICE"), .right("P&L"),
            .right("FEES"), .left("TIME (UTC)"), .left("VOIDED"),
        ])
        for fill in fills {
            table.append([
                String(fill.id), String(fill.orderId), fill.contractId, Formatting.side(fill.side), String(fill.size),
                Formatting.price(fill.price), Formatting.money(fill.profitAndLoss), Formatting.money(fill.fees),
                Formatting.time(fill.creationTimestamp), fill.voided ? "voided" : "",
            ])
        }
        context.output.table(table, empty: "No fills on \(account.name) in that window.")
    }
}
