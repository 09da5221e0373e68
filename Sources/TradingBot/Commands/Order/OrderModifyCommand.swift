import ArgumentParser
import Gateway

/// `order modify`: changes the size or prices of a working order (`Order/modify`).
struct OrderModifyCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify",
        abstract: "Change the size or prices of a working order.",
        discussion: """
            Give at least one of --size, --limit, --stop, --trail; the rest stay as they are.

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
        if let size { try OrderTicket.checkSize(size, maxOrderSize: context.configuration.maxOrderSize, configFile: context.configuration.configFile) }
        let account = try await context.account(account.account)
        try context.confirmer.confirm("change order \(orderId) to \(changes)", on: account, assumeYes: confirmation.yes)
        try await context.client.modifyOrder(OrderModification(
            accountId: account.id, orderId: orderId, size: size, limitPrice: limit?.value, stopPrice: stop?.value,
            trailPrice: trail?.value))
        try context.output.jsonLine(ActionResult(action: "modifyOrder", accountId: account.id, orderId: orderId, size: size, success: true))
        context.output.text("Modified order \(orderId) on \(account.name): \(changes).")
    }
}
