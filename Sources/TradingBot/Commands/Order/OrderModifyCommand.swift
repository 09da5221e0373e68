import ArgumentParser
import Gateway

/// `order modify`: changes the size or prices of a working order (`Order/modify`).
struct OrderModifyCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify",
        abstract: "Change the size or prices of a working order.",
        discussion: """
            Give at least one of --size, --limit, --stop, --trail; the rest stay as they are. \
            The new size may not exceed --max-order-size, else maxOrderSize, else \(OrderSizeLimit.defaultMaximum). On an \
            account that is not a practice account the command shows the order before and after \
            and asks first (--yes skips the question); --dry-run prints the request and sends nothing. \
            A change is never sent twice: when the answer is lost, the order is read back and \
            compared with the change.

            Example:
              trading-bot order modify --account PRAC-V2-51342-73810925 7100000001 --limit 5001.5 --size 2
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Argument(help: ArgumentHelp("The id of the order to change.", valueName: "order-id"))
    var orderId: Int64

    @Option(help: "The new size.")
    var size: Int?

    @Option(help: ArgumentHelp("The new limit price, exactly as typed.", valueName: "price"))
    var limit: PriceArgument?

    @Option(help: ArgumentHelp("The new stop price, exactly as typed.", valueName: "price"))
    var stop: PriceArgument?

    @Option(help: ArgumentHelp("The new trail price, exactly as typed.", valueName: "price"))
    var trail: PriceArgument?

    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var sizeLimit: MaxOrderSizeOption
    @OptionGroup var dryRun: DryRunOption

    func validate() throws {
        guard size != nil || limit != nil || stop != nil || trail != nil else {
            throw ValidationError("Nothing to change: give --size, --limit, --stop or --trail.")
        }
        if let size, size < 1 { throw ValidationError("--size must be 1 or more (it is \(size)).") }
    }

    /// "size 2, limit 5001.5".
    var changes: String {
        var parts: [String] = []
        if let size { parts.append("size \(size)") }
        if let limit { parts.append("limit \(Formatting.price(limit.value))") }
        if let stop { parts.append("stop \(Formatting.price(stop.value))") }
        if let trail { parts.append("trail \(Formatting.price(trail.value))") }
        return parts.joined(separator: ", ")
    }

    func execute(in context: CommandContext) async throws {
        if let size { try context.orderSizeLimit(flag: sizeLimit.maxOrderSize).check(size, what: "New size") }
        let account = try await context.account(account.account)
        let modification = OrderModification(
            accountId: account.id, orderId: orderId, size: size, limitPrice: limit?.value, stopPrice: stop?.value,
            trailPrice: trail?.value)
        if dryRun.dryRun { return try context.printDryRun([.modify(modification)]) }
        try await context.confirm("change order \(orderId) to \(changes)", on: account, assumeYes: confirmation.yes) {
            let order = try await context.client.order(accountId: account.id, orderId: orderId)
            let contract = await context.contractsForPrompt([order.contractId])[order.contractId]
            return RiskSummary.modification(modification, of: order, contract: contract)
        }
        let outcome = try await WriteRequest.modify(modification).send(with: context.client).confirmation
        try context.output.jsonLine(ActionResult(action: "modifyOrder", accountId: account.id, orderId: orderId, size: size, success: true, confirmation: outcome))
        context.output.text("Modified order \(orderId) on \(account.name): \(changes)." + ConfirmationNote.sentence(outcome))
    }
}
