import ArgumentParser

/// `order`: the group of commands that change orders.
struct OrderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "Place, cancel, modify and show orders.",
        discussion: """
            Every order command names its account with --account, and asks for confirmation on \
            accounts that are not practice accounts (--yes skips the question); --dry-run prints \
            the request and sends nothing.

            Example:
              trading-bot order place --account PRAC-V2-51342-73810925 --contract MES --side buy --type limit --limit 5000.25 --size 1
              trading-bot order modify --account PRAC-V2-51342-73810925 7100000001 --limit 5001
              trading-bot order cancel --account PRAC-V2-51342-73810925 7100000001
              trading-bot order show --account PRAC-V2-51342-73810925 7100000001
            """,
        subcommands: [OrderPlaceCommand.self, OrderCancelCommand.self, OrderModifyCommand.self, OrderShowCommand.self]
    )
}
