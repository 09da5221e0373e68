import ArgumentParser

/// `order place`: places one order (`Order/place`), checked locally first.
struct OrderPlaceCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "place",
        abstract: "Place an order.",
        discussion: """
            Each --type needs its price and takes no other: limit needs --limit, stop needs \
            --stop, trailing needs --trail (the price level the stop starts at); market, join-bid \
            and join-ask take none. Prices are read exactly as typed (a negative one as \
            --stop=-0.5) and must be on the contract's tick grid: a price between two ticks is \
            refused with the two nearest valid prices. Brackets are \
            distances in ticks (positive); their direction follows --side. The order is never \
            re-sent automatically: after a timeout, check `orders --open` before trying again.

            Example:
              trading-bot order place --account PRAC-V2-51342-73810925 --contract MES --side buy --type market --size 1 --stop-loss-ticks 8 --take-profit-ticks 16
              trading-bot order place --account 8101001 --contract CON.F.US.MES.Z26 --side sell --type stop --stop 4990 --size 2 --json
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Option(help: ArgumentHelp("The contract id or symbol.", valueName: "contract"))
    var contract: String

    @Option(help: "The side of the order.")
    var side: SideArgument

    @Option(help: "The order type; limit, stop and trailing need their price flag.")
    var type: OrderTypeArgument

    @Option(help: "Contracts to trade.")
    var size: Int

    @Option(help: ArgumentHelp("The limit price (limit orders), exactly as typed: 71.23.", valueName: "price"))
    var limit: PriceArgument?

    @Option(help: ArgumentHelp("The stop price (stop orders).", valueName: "price"))
    var stop: PriceArgument?

    @Option(help: ArgumentHelp("The price level a trailing stop starts at (trailing orders).", valueName: "price"))
    var trail: PriceArgument?

    @Option(name: .customLong("stop-loss-ticks"), help: ArgumentHelp("Attach a stop loss this many ticks from the entry.", valueName: "ticks"))
    var stopLossTicks: Int?

    @Option(name: .customLong("take-profit-ticks"), help: ArgumentHelp("Attach a take profit this many ticks from the entry.", valueName: "ticks"))
    var takeProfitTicks: Int?

    @Option(help: ArgumentHelp("A tag for the order, unique in the account.", valueName: "text"))
    var tag: String?

    @OptionGroup var confirmation: ConfirmationOption

    var ticket: OrderTicket {
        OrderTicket(
            side: side, type: type, size: size, limit: limit?.value, stop: stop?.value, trail: trail?.value,
            stopLossTicks: stopLossTicks, takeProfitTicks: takeProfitTicks, tag: tag
        )
    }

    func validate() throws {
        if let problem = ticket.problem() { throw ValidationError(problem) }
    }

    func execute(in context: CommandContext) async throws {
        let ticket = ticket
        try OrderTicket.checkSize(ticket.size, maxOrderSize: context.configuration.maxOrderSize, configFile: context.configuration.configFile)
        let account = try await context.account(account.account)
        let contract = try await context.contract(contract)
        let request = try ticket.request(
            accountId: account.id, contract: contract, maxOrderSize: context.configuration.maxOrderSize,
            configFile: context.configuration.configFile
        )
        try context.confirmer.confirm("place \(ticket.summary(contract: contract))", on: account, assumeYes: confirmation.yes)
        let orderId = try await context.client.placeOrder(request)
        try context.output.jsonLine(ActionResult(action: "placeOrder", accountId: account.id, contractId: contract.id, orderId: orderId, size: ticket.size, success: true))
        context.output.text("Placed order \(orderId) on \(account.name): \(ticket.summary(contract: contract)).")
    }
}
