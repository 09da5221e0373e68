import ArgumentParser
import Gateway

/// `flatten`: cancels every working order of an account and closes every position, in rounds,
/// until nothing is open.
struct FlattenCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "flatten",
        abstract: "Cancel every working order of an account and close every position, until flat.",
        discussion: """
            Each round cancels every working order (Open, Pending, and Suspended bracket \
            children), then closes every position at market, then looks again: an entry that \
            fills while it is being cancelled opens a position and activates its brackets, which \
            the next round removes. Up to \(Flattener.defaultRounds) rounds. A refused step does not stop the \
            others. The final state is printed; the exit status is 1, naming what is still open, \
            when the account is not flat at the end.

            On an account that is not a practice account the command lists the orders and \
            positions and asks first (--yes skips the question); --dry-run prints the requests \
            of the first round and sends nothing.

            Example:
              trading-bot flatten --account PRAC-V2-51342-73810925
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption
    @OptionGroup var confirmation: ConfirmationOption
    @OptionGroup var dryRun: DryRunOption

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let client = context.client
        let accountId = account.id
        let first = try await FlattenSnapshot.read(accountId: accountId, client: client)
        if dryRun.dryRun {
            try context.printDryRun(first.items.map { $0.request(accountId: accountId) })
            if !first.isFlat { context.output.note("A real flatten looks again after these and repeats, up to \(Flattener.defaultRounds) rounds, until nothing is open.") }
            return
        }
        if !first.isFlat {
            let action = RiskSummary.flattenAction(orders: first.orders.count, positions: first.positions.count)
            try await context.confirm(action + ", until the account is flat", on: account, assumeYes: confirmation.yes) {
                let contracts = await context.contractsForPrompt(first.orders.map(\.contractId) + first.positions.map(\.contractId))
                return RiskSummary.flatten(orders: first.orders, positions: first.positions, contracts: contracts)
            }
        }
        let flattener = Flattener(
            look: { try await FlattenSnapshot.read(accountId: accountId, client: client) },
            send: { try await $0.send(with: client) },
            pause: { try await Task.sleep(for: Flattener.defaultPause) }
        )
        let outcome = try await flattener.run(from: first, accountId: accountId) { event in try print(event, account: account, context: context) }
        try context.output.jsonLine(FlattenResult(accountId: accountId, outcome: outcome))
        if outcome.rounds == 0 {
            context.output.text("\(account.name) is already flat: no working orders, no open positions.")
            return
        }
        if outcome.isFlat {
            context.output.text("\(account.name) is flat after \(outcome.rounds) round\(outcome.rounds == 1 ? "" : "s"): no working orders, no open positions.")
            return
        }
        let remaining = outcome.remaining.items.map(\.name)
        for name in remaining { context.output.text("Still open: \(name)") }
        throw CLIError(
            "Flatten of \(account.name) is incomplete after \(outcome.rounds) rounds (\(outcome.failedSteps) failed steps); still open: "
                + remaining.joined(separator: ", ") + ". Check `trading-bot orders --account \(account.id) --status open,pending,suspended` "
                + "and `trading-bot positions --account \(account.id)`, and remove them on the trading platform if the gateway refuses.",
            status: .failure
        )
    }

    /// Prints one event: a line per step (a JSON ``ActionResult`` with `--json`), and a line when
    /// a further round starts.
    private func print(_ event: Flattener.Event, account: Account, context: CommandContext) throws {
        switch event {
        case .round(let round, let snapshot):
            if round > 1 { context.output.text("Round \(round): still open: \(snapshot.counts).") }
        case .step(.order(let order), let error):
            var result = ActionResult(action: "cancelOrder", accountId: account.id, contractId: order.contractId, orderId: order.id, success: error == nil)
            if let error {
                result.error = message(error, context: context)
                context.output.text("FAILED to cancel order \(order.id): \(result.error ?? "")")
            } else {
                context.output.text("Cancelled order \(order.id) (\(Formatting.side(order.side)) \(order.size) \(order.contractId), \(Formatting.status(order.status))).")
            }
            try context.output.jsonLine(result)
        case .step(.position(let position), let error):
            var result = ActionResult(action: "closePosition", accountId: account.id, contractId: position.contractId, size: position.size, success: error == nil)
            if let error {
                result.error = message(error, context: context)
                context.output.text("FAILED to close \(position.contractId): \(result.error ?? "")")
            } else {
                context.output.text("Closed \(Formatting.positionType(position.type)) \(position.size) \(position.contractId).")
            }
            try context.output.jsonLine(result)
        }
    }

    private func message(_ error: any Error, context: CommandContext) -> String {
        ErrorPresenter.present(CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)).message
    }
}
