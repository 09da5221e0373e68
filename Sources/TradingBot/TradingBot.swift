import ArgumentParser
import Foundation
import SignalRProtocol

/// `trading-bot`: every gateway operation as a command.
///
/// The entry point parses the command line, sets up logging, runs the command and turns any
/// failure into one line on stderr and an exit status (see ``ExitReason`` and
/// ``ErrorPresenter``). Help and usage errors are ArgumentParser's own.
@main
struct TradingBot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trading-bot",
        abstract: "Trade futures through a ProjectX gateway (TopstepX) from the command line.",
        discussion: """
            Credentials and addresses come from flags, then the environment (PROJECTX_USERNAME, \
            PROJECTX_API_KEY, PROJECTX_API_URL, PROJECTX_RTC_URL), then the config file \
            $XDG_CONFIG_HOME/trading-bot/config.json or ~/.config/trading-bot/config.json \
            (or --config PATH), then the TopstepX defaults. The file is one JSON object; every key \
            is optional:

              {"username": "trader", "apiKey": "…", "apiUrl": "https://api.topstepx.com",
               "rtcUrl": "https://rtc.topstepx.com", "maxOrderSize": 5,
               "noConfirmAccounts": [8101002]}

            URLs are roots: REST lives under /api, the hubs under /hubs. When only the API URL is \
            set, the realtime URL defaults to the same root. maxOrderSize refuses larger orders \
            (default \(OrderSizeLimit.defaultMaximum); --max-order-size overrides it for one command). \
            noConfirmAccounts lists accounts (ids or exact names) that never ask for confirmation.

            --json prints one JSON object per line in the gateway's wire form (integer enums, \
            ISO-8601 UTC times). Errors are one line on stderr with a non-zero exit status: 64 \
            usage, 65 refused by the gateway, 69 unreachable, 74 outcome unknown, 75 rate limited, \
            76 unreadable response, 77 authentication, 78 configuration, 1 not confirmed.

            Commands that change orders or positions need --account and, on every account that \
            is not a practice account (PRAC-…), show what is at risk and ask for confirmation \
            (--yes skips it; without a terminal they refuse and send nothing). --dry-run prints \
            the requests instead of sending them.

            Example:
              trading-bot simulator --port 5000 &
              export PROJECTX_API_URL=http://127.0.0.1:5000 PROJECTX_USERNAME=simtrader PROJECTX_API_KEY=sim-api-key
              trading-bot accounts
              trading-bot order place --account PRAC-V2-51342-73810925 --contract MES --side buy --type market --size 1
            """,
        version: PackageVersion.current,
        subcommands: [
            LoginCommand.self,
            LogoutCommand.self,
            PingCommand.self,
            AccountsCommand.self,
            ContractsCommand.self,
            BarsCommand.self,
            QuoteCommand.self,
            DepthCommand.self,
            TradesCommand.self,
            OrdersCommand.self,
            FillsCommand.self,
            OrderCommand.self,
            PositionsCommand.self,
            CloseCommand.self,
            FlattenCommand.self,
            WatchCommand.self,
            ShellCommand.self,
            DemoCommand.self,
            SimulatorCommand.self,
        ]
    )

    static func main() async {
        let command: any ParsableCommand
        do {
            command = try await asyncParseAsRoot(nil)
        } catch {
            // With --json, a usage error is a JSON object too (help and --version stay text).
            let code = exitCode(for: error)
            if code != .success, CommandLine.arguments.dropFirst().contains("--json") {
                var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid usage"
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                StandardStream.error.write(ErrorPresenter.jsonLine(message: message, status: ExitReason(rawValue: code.rawValue) ?? .usage) + "\n")
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
        LogBootstrap.configure(
            verbose: (command as? any GatewayCommand)?.global.verbose ?? (command as? SimulatorCommand)?.verbose ?? (command as? DemoCommand)?.verbose ?? false
        )
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
        } catch {
            guard ErrorPresenter.presents(error) else { exit(withError: error) }
            let presentation = ErrorPresenter.present(error)
            if (command as? any GatewayCommand)?.global.json == true {
                // Scripts reading JSON lines get the error as one JSON object on stderr.
                StandardStream.error.write(ErrorPresenter.jsonLine(message: presentation.message, status: presentation.status) + "\n")
            } else {
                StandardStream.error.write("error: \(presentation.message)\n")
            }
            Foundation.exit(presentation.status.rawValue)
        }
    }
}
