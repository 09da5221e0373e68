import ArgumentParser
import Gateway

/// `depth CONTRACT`: the live order book of a contract, as a ladder.
struct DepthCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "depth",
        abstract: "Show the live order book (depth of market) of a contract.",
        discussion: """
            On a terminal, draws one ladder redrawn in place: asks above, bids below, the size at \
            each price and the spread, fitted to the terminal and laid out again when it is \
            resized; until the first update a status line on stderr says what is happening. When stdout is not a terminal, prints one snapshot per \
            update; with --json, one JSON line per update with the top levels. After a gap (a lost \
            connection) the book is shown as "book invalid: <reason> — waiting for snapshot" \
            until the gateway sends a fresh snapshot. Ctrl-C stops it (exit 0).

            Example:
              trading-bot depth ES
              trading-bot depth MES --levels 5 --count 1 --json | jq '.book.spread'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The contract id or symbol.", valueName: "contract"))
    var contract: String

    @Option(help: ArgumentHelp("Price levels shown per side.", valueName: "n"))
    var levels = 10

    @OptionGroup var stream: StreamOptions

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    var metricsOptions: MetricsOptions? { metrics }

    func validate() throws {
        guard (1...100).contains(levels) else { throw ValidationError("--levels must be between 1 and 100 (it is \(levels)).") }
    }

    func execute(in context: CommandContext) async throws {
        let contract = try await context.contract(contract)
        let source = MarketStreamSource(realtime: context.realtime, subscriptions: [MarketSubscription(.depth, contract.id)])
        var renderer = DepthRenderer(output: context.output, contract: contract, levels: levels, times: context.configuration.times)
        try await StreamRunner(context: context, limit: stream.count)
            .showingStatus(WaitingStatus(hub: "market", subject: contract.name, item: "depth update"))
            .run(source, names: QuoteCommand.names([contract]), renderer: &renderer)
    }
}
