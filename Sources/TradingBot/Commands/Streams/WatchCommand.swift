import ArgumentParser
import Gateway

/// `watch --account ID`: what happens on an account, as the user hub reports it.
struct WatchCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch an account's orders, fills, positions and balance as they change.",
        discussion: """
            Subscribes to the account on the user hub and prints each event as it arrives: \
            orders (placed, filled, cancelled…), fills, positions (a size of 0 means closed) and \
            the account's balance. The hub is silent while nothing happens. After a reconnect the \
            gateway does not replay what was missed: a gap is reported on stderr (or as a JSON \
            line of type "gap"), and `orders --open`, `positions` and `fills` show the current \
            state. Ctrl-C stops it (exit 0).

            Example:
              trading-bot watch --account PRAC-V2-51342-73810925
              trading-bot watch --account 8101001 --json | jq -c 'select(.type == "fill")'
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions
    @OptionGroup var account: AccountOption
    @OptionGroup var stream: StreamOptions

    func execute(in context: CommandContext) async throws {
        let account = try await context.account(account.account)
        let source = UserStreamSource(realtime: context.realtime, accountId: account.id)
        var renderer = UserEventRenderer(output: context.output, accountId: account.id, accountName: account.name)
        try await StreamRunner(context: context, limit: stream.count).run(source, renderer: &renderer)
    }
}
