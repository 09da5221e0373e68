import ArgumentParser
import Gateway

/// `close`: closes a position at market, fully (`Position/closeContract`) or partly
/// (`Position/partialCloseContract`).
struct CloseCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a position at market, fully or partly.",
        discussion: """
            Without --size the whole position is closed; with it, that many contracts (at most \
            --max-order-size, else maxOrderSize, else \(OrderSizeLimit.defaultMaximum)). The close \
            is never sent twice: when the answer is lost, the position is read back and the real \
            outcome printed; exit 74 means even that failed (check `positions` first). On an account \
            that is not a practice account the command shows the position and asks first (--yes \
            skips the question); --dry-run prints the request and sends nothing.

            Example:
              trading-bot close --account PRAC-V2-51342-73810925 --contract MES
              trading-bot close --account PRAC-V2-51342-73810925 --contract MES --size 1
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption

    @Option(help: ArgumentHelp("The contract id or symbol of the position.", valueName: "contract"))
    var contract: String

    @Option(help: "Close only this many contracts.")
    var size: Int?

    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var sizeLimit: MaxOrderSizeOption
    @OptionGroup var dryRun: DryRunOption

    func validate() throws {
        if let size, size < 1 { throw ValidationError("--size must be 1 or more (it is \(size)); leave it out to close the whole position.") }
    }

    func execute(in context: CommandContext) async throws {
        if let size { try context.orderSizeLimit(flag: sizeLimit.maxOrderSize).check(size, what: "--size") }
        let account = try await context.account(account.account)
        let contract = try await context.contract(contract)
        let what = size.map { "\($0) contract\($0 == 1 ? "" : "s") of the \(contract.name) position" } ?? "the \(contract.name) position"
        let write: WriteRequest = size.map { .partialClose(accountId: account.id, contractId: contract.id, size: $0) }
            ?? .close(accountId: account.id, contractId: contract.id)
        if dryRun.dryRun { return try context.printDryRun([write]) }
        try await context.confirm("close \(what) at market", on: account, assumeYes: confirmation.yes) {
            let position = try await context.client.openPositions(accountId: account.id).first { $0.contractId == contract.id }
            return RiskSummary.close(position, contract: contract, size: size)
        }
        let outcome = try await write.send(with: context.client).confirmation
        try context.output.jsonLine(ActionResult(
            action: size == nil ? "closePosition" : "partialClosePosition", accountId: account.id, contractId: contract.id, size: size, success: true,
            confirmation: outcome
        ))
        context.output.text("Closed \(what) on \(account.name)." + ConfirmationNote.sentence(outcome))
    }
}
