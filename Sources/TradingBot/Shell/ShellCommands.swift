import ArgumentParser
import Foundation

/// Runs one shell line: the built-ins (`help` alone, `exit`, `quit`) and the program's own
/// commands, parsed with `TradingBot.parseAsRoot` and executed on the shell's context
/// (`help COMMAND` is ArgumentParser's own help command).
///
/// Connection flags (`--username`, `--api-key`, `--api-url`, `--rtc-url`, `--config`) belong to
/// the session and are refused on a line; `--json` and `--tz` apply to the line; `shell`, `demo` and
/// `simulator` do not run inside the shell.
struct ShellCommands: Sendable {
    let output: Output

    /// The built-in words.
    static let builtins = ["help", "exit", "quit"]

    /// Commands that make no sense inside the shell.
    static let refused: Set<String> = ["shell", "demo", "simulator"]

    /// The commands the shell runs, for `help` and completion: name, abstract, subcommand names.
    static var catalog: [(name: String, abstract: String, subcommands: [String])] {
        TradingBot.configuration.subcommands.compactMap { type in
            let configuration = type.configuration
            guard let name = configuration.commandName, !refused.contains(name) else { return nil }
            return (name, configuration.abstract, configuration.subcommands.compactMap { $0.configuration.commandName })
        }
    }

    /// The completion tree: commands with their subcommands, and the built-ins.
    static var completionTree: [String: [String]] {
        var tree: [String: [String]] = [:]
        for entry in catalog { tree[entry.name] = entry.subcommands }
        for builtin in builtins { tree[builtin] = [] }
        return tree
    }

    /// The `help` text.
    static var helpText: String {
        let width = (catalog.map(\.name.count).max() ?? 8) + 2
        var lines = ["Commands (add --json to any; `help COMMAND` or `COMMAND --help` explains one):"]
        for entry in catalog {
            lines.append("  " + entry.name.padding(toLength: width, withPad: " ", startingAt: 0) + entry.abstract)
        }
        lines.append("")
        lines.append("In the shell: help [COMMAND], exit or quit (or Ctrl-D). Ctrl-C stops a running command; twice at the prompt leaves.")
        lines.append("Keys: Left/Right move, Up/Down recall history, Tab completes commands, Ctrl-A/E start/end, Ctrl-U/K/W delete, Ctrl-L clears.")
        return lines.joined(separator: "\n")
    }

    /// Runs `words` in `context`.
    func run(_ words: [String], in context: CommandContext) async -> ShellSession.LineOutcome {
        switch words[0] {
        case "exit", "quit":
            return .leave
        case "help" where words.count == 1:
            output.text(Self.helpText)
            return .status(0)
        default:
            break
        }
        if Self.refused.contains(words[0]) {
            output.note("error: `\(words[0])` does not run inside the shell; leave it (exit) and run `trading-bot \(words[0])`.")
            return .status(ExitReason.usage.rawValue)
        }
        guard Self.completionTree[words[0]] != nil || words[0].hasPrefix("-") else {
            output.note("error: unknown command `\(words[0])`; `help` lists the commands.")
            return .status(ExitReason.usage.rawValue)
        }
        let command: any ParsableCommand
        do {
            command = try TradingBot.parseAsRoot(words)
        } catch {
            return .status(report(error))
        }
        if let name = type(of: command).configuration.commandName, Self.refused.contains(name) {
            // `--help`-style spellings that still reach one of them.
            output.note("error: `\(name)` does not run inside the shell; leave it (exit) and run `trading-bot \(name)`.")
            return .status(ExitReason.usage.rawValue)
        }
        guard let gatewayCommand = command as? any GatewayCommand else {
            // A group such as `order`, or a help request (`help quote`, `quote --help`): running
            // it raises the help, which is printed as on the command line.
            do {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    var command = command
                    try command.run()
                }
                return .status(0)
            } catch {
                return .status(report(error))
            }
        }
        if gatewayCommand.metricsOptions?.isRequested == true {
            output.note("error: metrics are served for the whole shell (`trading-bot shell --metrics-port N`); leave --metrics-port out here.")
            return .status(ExitReason.usage.rawValue)
        }
        let global = gatewayCommand.global
        let flags = global.configurationFlags
        if flags.userName != nil || flags.apiKey != nil || flags.apiURL != nil || flags.realtimeURL != nil || flags.configPath != nil {
            output.note("error: the gateway and credentials are set when the shell starts (`trading-bot shell --api-url …`); leave them out here.")
            return .status(ExitReason.usage.rawValue)
        }
        if global.verbose {
            output.note("note: --verbose applies to the whole session; start it with `trading-bot shell --verbose`.")
        }
        var lineContext = global.json && !context.output.json ? context.with(output: context.output.json(true)) : context
        do {
            if let zone = global.timeZone { lineContext = lineContext.with(timeZone: try DisplayTimeZone.parse(zone, setting: "--tz")) }
            try await gatewayCommand.execute(in: lineContext)
            return .status(0)
        } catch {
            let presentation = ErrorPresenter.present(
                CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)
            )
            output.note("error: \(presentation.message)")
            return .status(presentation.status.rawValue)
        }
    }

    /// Prints an ArgumentParser error or help request like the command line does.
    private func report(_ error: any Error) -> Int32 {
        let code = TradingBot.exitCode(for: error)
        let message = TradingBot.fullMessage(for: error)
        if code == .success {
            output.text(message)
        } else {
            output.note(message)
        }
        return code.rawValue
    }
}
