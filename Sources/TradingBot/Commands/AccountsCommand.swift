import ArgumentParser
import Gateway

/// `accounts`: the user's trading accounts (`Account/search`).
struct AccountsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List your trading accounts.",
        discussion: """
            Shows each account's id, name, balance, whether it can trade and whether it is \
            simulated (evaluation and funded accounts are reported simulated too). Orders on \
            accounts that are not practice accounts (PRAC-…) ask for confirmation. The id or \
            the exact name is what --account takes.

            Example:
              trading-bot accounts --all --json | jq -r '.name'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Flag(help: "Include inactive accounts.")
    var all = false

    func execute(in context: CommandContext) async throws {
        let accounts = try await context.client.accounts(onlyActive: !all)
        try context.output.jsonLines(accounts)
        var table = TextTable(columns: [.right("ID"), .left("NAME"), .right("BALANCE"), .left("CAN TRADE"), .left("SIMULATED")])
        for account in accounts {
            table.append([
                String(account.id), account.name, Formatting.money(account.balance),
                Formatting.yesNo(account.canTrade), Formatting.yesNo(account.simulated),
            ])
        }
        context.output.table(table, empty: all ? "No accounts." : "No active accounts (add --all to see inactive ones).")
    }
}
