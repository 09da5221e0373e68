import ArgumentParser
import Gateway

/// `positions --account ID`: open positions, valued at the last price.
struct PositionsCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "positions",
        abstract: "List the open positions of an account, with unrealised P&L.",
        discussion: """
            The positions come from the account's state as the user hub keeps it (read over REST \
            when it starts and after every gap; in the shell it is kept between commands). LAST \
            is the contract's last traded price from the market hub, and UNREALIZED what closing \
            at that price would realise before fees, (last - average) / tick size x tick value x \
            size; both are empty until a first quote arrives (at most 3 seconds are waited). \
            With --json each line is a position with `lastPrice` and `unrealizedProfitAndLoss` \
            when known.

            Example:
              trading-bot positions --account PRAC-V2-51342-73810925
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: ReadAccountOption

    func execute(in context: CommandContext) async throws {
        let account = try await context.readAccount(account.account)
        let (monitor, _) = try await context.accountState(of: account, pricing: true)
        let values = await monitor.positionValues(waitingUpTo: .seconds(3))
        try context.output.jsonLines(values.map(PositionLine.init))
        var table = TextTable(columns: [
            .right("ID"), .left("SYMBOL"), .left("CONTRACT"), .left("SIDE"), .right("SIZE"), .right("AVG PRICE"), .right("LAST"), .right("UNREALIZED"),
            .left("OPENED"),
        ])
        for value in values {
            let position = value.position
            table.append([
                String(position.id), value.contract?.name ?? "", position.contractId, Formatting.positionType(position.type), String(position.size),
                Formatting.price(position.averagePrice), Formatting.price(value.lastPrice), Formatting.money(value.unrealizedProfitAndLoss),
                context.configuration.times.stamp(position.creationTimestamp),
            ])
        }
        context.output.table(table, empty: "No open positions on \(account.name).")
    }
}
