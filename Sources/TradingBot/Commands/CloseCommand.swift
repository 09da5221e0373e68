import ArgumentParser
import Gateway

/// `close`: closes a position at market, fully (`Position/closeContract`) or partly
/// (`Position/partialCloseContract`).
struct CloseCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close a position at market, fully or partly.",
        discussion: """
            Without --size the whole position is closed; with it, that many contracts. The close \
            is never sent twice: when the answer is lost, the position is read back and the real \
            outcome printed; exit 74 means even that failed (check `positions` first).

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

    func validate() throws {
        if let size, size < 1 { throw ValidationError("--size must be 1 or more (it is \(size)); leave it out to close the whole position.") }
    }

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let contract = try await context.contract(contract)
        let what = size.map { "\($0) contract\($0 == 1 ? "" : "s") of the \(contract.name) position" } ?? "the \(contract.name) position"
        try context.confirmer.confirm("close \(what) at market", on: account, assumeYes: confirmation.yes)
        let confirmation: WriteConfirmation
        if let size {
            confirmation = try await context.client.partiallyClosePosition(accountId: account.id, contractId: contract.id, size: size)
        } else {
            confirmation = try await context.client.closePosition(accountId: account.id, contractId: contract.id)
        }
        try context.output.jsonLine(ActionResult(
            action: size == nil ? "closePosition" : "partialClosePosition", accountId: account.id, contractId: contract.id, size: size, success: true,
            confirmation: confirmation
        ))
        context.output.text("Closed \(what) on \(account.name)." + ConfirmationNote.sentence(confirmation))
    }
}
