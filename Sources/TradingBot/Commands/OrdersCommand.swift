import ArgumentParser
import Foundation
import Gateway

/// `orders --account ID [--open]`: orders of an account (`Order/search`, `Order/searchOpen`).
struct OrdersCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders",
        abstract: "List the orders of an account.",
        discussion: """
            Without --open, lists the orders created in the window (default: the last 24 hours); \
            with --open, the working orders.

            Example:
              trading-bot orders --account PRAC-V2-51342-73810925 --open
              trading-bot orders --account 8101001 --from 2026-11-20 --json
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Flag(help: "Only working orders.")
    var open = false

    @Option(help: ArgumentHelp("Orders created from this time (default: 24 hours ago).", valueName: "time"))
    var from: TimeArgument?

    @Option(help: ArgumentHelp("Orders created until this time.", valueName: "time"))
    var to: TimeArgument?

    func validate() throws {
        if open, from != nil || to != nil { throw ValidationError("--open lists every working order; it takes no --from or --to.") }
    }

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let orders = open
            ? try await context.client.openOrders(accountId: account.id)
            : try await context.client.orders(accountId: account.id, from: from?.date ?? Date().addingTimeInterval(-86_400), to: to?.date)
        try context.output.jsonLines(orders)
        context.output.table(Self.table(orders), empty: open ? "No working orders on \(account.name)." : "No orders on \(account.name) in that window.")
    }

    static func table(_ orders: [Order]) -> TextTable {
        var table = TextTable(columns: [
            .right("ID"), .left("CONTRACT"), .left("SIDE"), .left("TYPE"), .right("SIZE"), .right("LIMIT"), .right("STOP"),
            .right("FILLED"), .right("FILL PRICE"), .left("STATUS"), .left("CREATED (UTC)"), .left("TAG"),
        ])
        for order in orders {
            table.append([
                String(order.id), order.contractId, Formatting.side(order.side), Formatting.orderType(order.type), String(order.size),
                Formatting.price(order.limitPrice), Formatting.price(order.stopPrice), String(order.fillVolume),
                Formatting.price(order.filledPrice), Formatting.status(order.status), Formatting.time(order.creationTimestamp),
                order.customTag ?? "",
            ])
        }
        return table
    }
}
