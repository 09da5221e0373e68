import ArgumentParser
import Gateway

/// `watch --account ID`: what happens on an account, as the user hub reports it.
struct WatchCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch an account's orders, fills, positions and balance as they change.",
        discussion: """
            Follows the account's state as the user hub keeps it (read over REST when it starts) \
            and prints each change as it happens: orders (placed, modified, filled, cancelled…), \
            fills, positions (a size of 0 means closed) and the account's balance. Nothing is \
            printed while nothing changes. The gateway does not replay what a dropped connection \
            missed: after a gap the state is read again over REST, a note says so (on stderr, or \
            a JSON line of type "gap"), and the changes it finds are printed, then "in sync \
            again" (JSON: type "status", status "synchronized"). With --json an order that left \
            the working set has "finished": true. Ctrl-C stops it (exit 0).

            Example:
              trading-bot watch --account PRAC-V2-51342-73810925
              trading-bot watch --account 8101001 --json | jq -c 'select(.type == "fill")'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption
    @OptionGroup var stream: StreamOptions

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    var metricsOptions: MetricsOptions? { metrics }

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let source = AccountStreamSource(realtime: context.realtime, account: account)
        var renderer = AccountChangeRenderer(output: context.output, accountId: account.id, accountName: account.name, times: context.configuration.times)
        try await StreamRunner(context: context, limit: stream.count).run(source, renderer: &renderer)
    }
}
