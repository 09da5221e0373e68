import ArgumentParser

/// `positions --account ID`: open positions (`Position/searchOpen`).
struct PositionsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "List the open positions of an account.",
        discussion: """
            Example:
              trading-bot positions --account PRAC-V2-51342-73810925
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let positions = try await context.client.openPositions(accountId: account.id)
        try context.output.jsonLines(positions)
        var table = TextTable(columns: [.right("ID"), .left("CONTRACT"), .left("SIDE"), .right("SIZE"), .right("AVG PRICE"), .left("OPENED (UTC)")])
        for position in positions {
            table.append([
                String(position.id), position.contractId, Formatting.positionType(position.type), String(position.size),
                Formatting.price(position.averagePrice), Formatting.time(position.creationTimestamp),
            ])
        }
        context.output.table(table, empty: "No open positions on \(account.name).")
    }
}
