import ArgumentParser
import Gateway

/// `flatten`: cancels every working order of an account, then closes every position.
struct FlattenCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "flatten",
        abstract: "Cancel every working order of an account, then close every position.",
        discussion: """
            Orders are cancelled first so that none opens a new position while the positions \
            close. Each step is reported; a refused step does not stop the others, and the exit \
            status is 1 when any failed.

            Example:
              trading-bot flatten --account PRAC-V2-51342-73810925
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption
    @OptionGroup var confirmation: ConfirmationOption

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        try context.confirmer.confirm("cancel every working order and close every position", on: account, assumeYes: confirmation.yes)
        var failures: [String] = []
        var steps = 0

        let orders = try await context.client.openOrders(accountId: account.id)
        for order in orders {
            steps += 1
            var result = ActionResult(action: "cancelOrder", accountId: account.id, contractId: order.contractId, orderId: order.id, success: true)
            do {
                try await context.client.cancelOrder(accountId: account.id, orderId: order.id)
                context.output.text("Cancelled order \(order.id) (\(Formatting.side(order.side)) \(order.size) \(order.contractId)).")
            } catch {
                let message = ErrorPresenter.present(CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)).message
                result.success = false
                result.error = message
                failures.append("order \(order.id)")
                context.output.text("FAILED to cancel order \(order.id): \(message)")
            }
            try context.output.jsonLine(result)
        }

        let positions = try await context.client.openPositions(accountId: account.id)
        for position in positions {
            steps += 1
            var result = ActionResult(action: "closePosition", accountId: account.id, contractId: position.contractId, size: position.size, success: true)
            do {
                try await context.client.closePosition(accountId: account.id, contractId: position.contractId)
                context.output.text("Closed \(Formatting.positionType(position.type)) \(position.size) \(position.contractId).")
            } catch {
                let message = ErrorPresenter.present(CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)).message
                result.success = false
                result.error = message
                failures.append("position \(position.contractId)")
                context.output.text("FAILED to close \(position.contractId): \(message)")
            }
            try context.output.jsonLine(result)
        }

        if steps == 0 { context.output.text("\(account.name) is already flat: no working orders, no open positions.") }
        guard failures.isEmpty else {
            throw CLIError(
                "Flatten of \(account.name) is incomplete: \(failures.count) of \(steps) steps failed (\(failures.joined(separator: ", "))); "
                    + "check `trading-bot orders --account \(account.id) --open` and `trading-bot positions --account \(account.id)`.",
                status: .failure
            )
        }
    }
}
