import ArgumentParser
import Gateway

/// `quote CONTRACT...`: streams live quotes from the market hub.
struct QuoteCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Stream live quotes of one or more contracts.",
        discussion: """
            On a terminal, draws a board redrawn in place: one row per contract with its last \
            price, the change (the gateway's, else since the first quote seen), the sizes and \
            prices at the best bid and ask (sizes from the contract's depth), the volume and the \
            time; a row is green when its last price last rose, red when it fell (no colour with \
            NO_COLOR); until the first quote a status line on stderr says what is happening. When stdout is not a terminal, or with --json, prints one line per quote \
            update: the gateway's time (in the display zone, --tz), last, bid, ask and the change since the previous \
            close. Updates that carry only some fields are merged with the earlier ones. Gaps (a lost connection, a silent feed) and hub status changes are \
            reported on stderr, or as JSON lines of type "gap" and "status" with --json; the \
            stream reconnects by itself, with a fresh token when needed. Ctrl-C stops it (exit 0).

            Example:
              trading-bot quote ES
              trading-bot quote MES MNQ --count 20 --json | jq -c '[.contract, .quote.lastPrice]'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @Argument(help: ArgumentHelp("Contract ids or symbols (ES, MNQ, CON.F.US.MES.Z26).", valueName: "contract"))
    var contracts: [String] = []

    @OptionGroup var stream: StreamOptions

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    var metricsOptions: MetricsOptions? { metrics }

    func validate() throws {
        if contracts.isEmpty { throw ValidationError("Give at least one contract, such as ES or CON.F.US.EP.Z26.") }
    }

    func execute(in context: CommandContext) async throws {
        let resolved = try await context.contracts(contracts)
        let runner = StreamRunner(context: context, limit: stream.count)
            .showingStatus(WaitingStatus(hub: "market", subject: resolved.map(\.name).joined(separator: ", "), item: "quote"))
        let quotes = resolved.map { MarketSubscription(.quotes, $0.id) }
        if context.output.isTerminal && !context.output.json {
            // The board's bid and ask sizes come from depth: quotes carry none.
            let source = MarketStreamSource(realtime: context.realtime, subscriptions: quotes + resolved.map { MarketSubscription(.depth, $0.id) })
            var renderer = QuoteBoardRenderer(output: context.output, contracts: resolved, times: context.configuration.times)
            try await runner.run(source, names: Self.names(resolved), renderer: &renderer)
        } else {
            let source = MarketStreamSource(realtime: context.realtime, subscriptions: quotes)
            var renderer = QuoteRenderer(output: context.output, contracts: resolved, times: context.configuration.times)
            try await runner.run(source, names: Self.names(resolved), renderer: &renderer)
        }
    }

    /// Contract names by id.
    static func names(_ contracts: [Contract]) -> [String: String] {
        Dictionary(contracts.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
