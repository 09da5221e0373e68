import ArgumentParser

/// `contracts available`: every active contract of a tier (`Contract/available`).
struct ContractsAvailableCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "available",
        abstract: "List every active contract.",
        discussion: """
            Example:
              trading-bot contracts available --json | jq -r '.id'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Flag(help: "List the live-data tier instead of the simulated one.")
    var live = false

    func execute(in context: CommandContext) async throws {
        let contracts = try await context.client.availableContracts(live: live)
        try ContractTable.print(contracts, to: context.output, empty: "No contracts are available\(live ? " on the live tier" : "").")
    }
}
