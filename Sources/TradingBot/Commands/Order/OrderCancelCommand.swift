import ArgumentParser
import Gateway

/// `order cancel`: cancels working orders (`Order/cancel`).
struct OrderCancelCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel working orders.",
        discussion: """
            Cancels each order in turn and stops at the first refusal. Live and follower accounts \
            may not cancel through the gateway; use the trading platform for those. On an account \
            that is not a practice account the command shows the orders and asks first (--yes \
            skips the question); --dry-run prints the requests and sends nothing. A cancel is \
            never sent twice: when the answer is lost, the order is read back and the real outcome \
            printed.

            Example:
              trading-bot order cancel --account PRAC-V2-51342-73810925 7100000001 7100000002
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Argument(help: ArgumentHelp("The ids of the orders to cancel.", valueName: "order-id"))
    var orderIds: [Int64]

    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var dryRun: DryRunOption

    func validate() throws {
        if orderIds.isEmpty { throw ValidationError("Give the id of at least one order (see `trading-bot orders --account ID --open`).") }
    }

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let list = orderIds.map(String.init).joined(separator: ", ")
        if dryRun.dryRun { return try context.printDryRun(orderIds.map { .cancel(accountId: account.id, orderId: $0) }) }
        try await context.confirm("cancel order\(orderIds.count == 1 ? "" : "s") \(list)", on: account, assumeYes: confirmation.yes) {
            var orders: [Order] = []
            for orderId in orderIds { orders.append(try await context.client.order(accountId: account.id, orderId: orderId)) }
            return RiskSummary.cancellation(of: orders, contracts: await context.contractsForPrompt(orders.map(\.contractId)))
        }
        for orderId in orderIds {
            let outcome = try await WriteRequest.cancel(accountId: account.id, orderId: orderId).send(with: context.client).confirmation
            try context.output.jsonLine(ActionResult(action: "cancelOrder", accountId: account.id, orderId: orderId, success: true, confirmation: outcome))
            context.output.text("Cancelled order \(orderId) on \(account.name)." + ConfirmationNote.sentence(outcome))
        }
    }
}
