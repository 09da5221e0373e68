import ArgumentParser
import Gateway

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
            distances in ticks (positive); their direction follows --side. Every order carries a \
            tag (--tag, or a generated tb-… one), shown in the output. The order is never sent \
            twice: when the gateway's answer is lost, the order is looked up by its tag and the \
            real outcome printed; exit 74 means even the look-up failed (check `orders` first).

            On an account that is not a practice account the command shows what is at risk (size, \
            prices, bracket distances in ticks and dollars) and asks before sending; --yes skips \
            the question. --size may not exceed --max-order-size, else maxOrderSize from the \
            config file, else \(OrderSizeLimit.defaultMaximum). --dry-run prints the request and sends nothing.

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
    @OptionGroup var sizeLimit: MaxOrderSizeOption
    @OptionGroup var dryRun: DryRunOption

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
        try context.orderSizeLimit(flag: sizeLimit.maxOrderSize).check(ticket.size)
        let account = try await context.account(account.account)
        let contract = try await context.contract(contract)
        var request = try ticket.request(accountId: account.id, contract: contract)
        // The tag is chosen here rather than by the SDK while sending, so that --dry-run shows
        // the request that would go out, tag included.
        if request.customTag == nil { request.customTag = OrderTag.generate(prefix: context.client.configuration.orderTagPrefix) }
        if dryRun.dryRun { return try context.printDryRun([.place(request)]) }
        let risk = RiskSummary.placement(request, contract: contract)
        try await context.confirm(risk.action, on: account, assumeYes: confirmation.yes) { risk.details }
        let placed = try await context.client.placeOrder(request)
        try context.output.jsonLine(ActionResult(
            action: "placeOrder", accountId: account.id, contractId: contract.id, orderId: placed.id, size: ticket.size, success: true,
            customTag: placed.customTag, confirmation: placed.confirmation, status: placed.status
        ))
        context.output.text(
            "Placed order \(placed.id) (tag \(placed.customTag)) on \(account.name): \(ticket.summary(contract: contract))."
                + ConfirmationNote.sentence(placed.confirmation)
        )
    }
}
