import ArgumentParser
import Gateway

/// `trades CONTRACT`: streams the trades printed on a contract (the market's tape).
struct TradesCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "trades",
        abstract: "Stream the trades printed on a contract.",
        discussion: """
            Prints one line per trade: the gateway's time (in the display zone, --tz), the aggressor side (buy lifted \
            the offer, sell hit the bid), the size and the price. On a terminal, a status line on \
            stderr says what is happening until the first trade (and whether the market is open). These are the market's trades; \
            your own executions are `fills`. Gaps and hub status changes are reported on stderr, \
            or as JSON lines of type "gap" and "status" with --json. Ctrl-C stops it (exit 0).

            Example:
              trading-bot trades NQ
              trading-bot trades MES --count 50 --json > tape.jsonl
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: ArgumentHelp("The contract id or symbol.", valueName: "contract"))
    var contract: String

    @OptionGroup var stream: StreamOptions

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    var metricsOptions: MetricsOptions? { metrics }

    func execute(in context: CommandContext) async throws {
        let contract = try await context.contract(contract)
        let source = MarketStreamSource(realtime: context.realtime, subscriptions: [MarketSubscription(.trades, contract.id)])
        var renderer = TradeRenderer(output: context.output, contracts: [contract], times: context.configuration.times)
        try await StreamRunner(context: context, limit: stream.count)
            .showingStatus(WaitingStatus(hub: "market", subject: contract.name, item: "trade"))
            .run(source, names: QuoteCommand.names([contract]), renderer: &renderer)
    }
}
