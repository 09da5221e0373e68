import ArgumentParser

/// `contracts search TEXT`: the gateway's fuzzy search (`Contract/search`).
struct ContractsSearchCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search contracts by symbol or name (at most 20 results).",
        discussion: """
            The gateway's search is fuzzy: ES also finds MES and others. Practice accounts trade \
            on the simulated-data tier (the default); --live searches the live tier, which is \
            empty without a live data subscription.

            Example:
              trading-bot contracts search NQ
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: "The text to search for, such as ES or Micro.")
    var text: String

    @Flag(help: "Search the live-data tier instead of the simulated one.")
    var live = false

    func execute(in context: CommandContext) async throws {
        let contracts = try await context.client.searchContracts(text, live: live)
        try ContractTable.print(contracts, to: context.output, empty: "No contract matches \"\(text)\"\(live ? " on the live tier" : "").")
    }
}
