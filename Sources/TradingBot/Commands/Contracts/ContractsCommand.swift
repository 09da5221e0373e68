import ArgumentParser

/// `contracts`: the group of contract look-ups.
struct ContractsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts",
        abstract: "Search, show and list futures contracts.",
        discussion: """
            Example:
              trading-bot contracts search MES
              trading-bot contracts show CON.F.US.MES.Z26
              trading-bot contracts available
            """,
        subcommands: [ContractsSearchCommand.self, ContractsShowCommand.self, ContractsAvailableCommand.self]
    )
}
