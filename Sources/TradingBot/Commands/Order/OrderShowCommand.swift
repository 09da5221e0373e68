import ArgumentParser
import Gateway

/// `order show`: one order by its id (`Order/searchById`).
struct OrderShowCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one order by its id.",
        discussion: """
            Shows the order's contract, side, type, size, prices, fills and status, whatever its \
            age or state (working, filled, cancelled…).

            Example:
              trading-bot order show --account PRAC-V2-51342-73810925 7100000001
              trading-bot order show --account 8101001 7100000001 --json | jq '.status'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: ReadAccountOption

    @Argument(help: ArgumentHelp("The order's id.", valueName: "order-id"))
    var orderId: Int64

    func execute(in context: CommandContext) async throws {
        let account = try await context.readAccount(account.account)
        let order = try await context.client.order(accountId: account.id, orderId: orderId)
        try context.output.jsonLine(order)
        guard !context.output.json else { return }
        let symbols = await context.contractSymbols(for: [order.contractId])
        context.output.table(OrdersCommand.table([order], symbols: symbols, times: context.configuration.times), empty: "")
    }
}
