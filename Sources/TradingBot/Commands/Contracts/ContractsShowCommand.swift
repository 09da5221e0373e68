import ArgumentParser

/// `contracts show ID`: one contract (`Contract/searchById`, or a symbol resolved by search).
struct ContractsShowCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one contract by id or symbol.",
        discussion: """
            Takes a full contract id (expired contracts included) or a symbol such as MES, which \
            resolves to its active contract.

            Example:
              trading-bot contracts show CON.F.US.MES.Z26
              trading-bot contracts show MES --json
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The contract id or symbol.", valueName: "id"))
    var contract: String

    func execute(in context: CommandContext) async throws {
        let contract = try await context.contract(contract)
        try ContractTable.print([contract], to: context.output, empty: "")
    }
}
