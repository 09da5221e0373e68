import ArgumentParser
import Foundation

/// `shell`: an interactive session on one connection.
struct ShellCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "An interactive prompt: run commands on one session, with hubs kept connected.",
        discussion: """
            Each line is one of this program's commands without the `trading-bot` prefix, run on \
            one shared session: one login, and market and user hubs that stay connected between \
            commands, so a second `quote` starts at once. Ctrl-C stops a running stream and brings \
            the prompt back; Ctrl-C twice at the prompt, exit, quit or Ctrl-D leaves. `help` \
            lists the commands.

            On a terminal the prompt has line editing: Left/Right, Up/Down through the history \
            (kept in $XDG_CONFIG_HOME/trading-bot/history or ~/.config/trading-bot/history; lines \
            with --api-key are never written), Tab to complete command names. When stdin is not a \
            terminal, lines are read as they come, without a prompt, so a script can be piped in. \
            The exit status is that of the last command.

            Example:
              trading-bot shell
              printf 'accounts\\nquote MES --count 3\\norders --account 8101001 --open\\n' | trading-bot shell
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    @OptionGroup(title: "Metrics") var metrics: MetricsOptions

    var metricsOptions: MetricsOptions? { metrics }

    mutating func run() async throws {
        // Before the context: its client and hubs take the metrics backend in force when made.
        let exporter = try await metrics.startExporter(output: Output(json: global.json))
        let status: Int32
        do {
            status = await session(in: try CommandContext(global: global))
        } catch {
            await exporter?.stop()
            throw error
        }
        await exporter?.stop()
        if status != 0 { throw ExitCode(status) }
    }

    func execute(in context: CommandContext) async throws {
        let status = await session(in: context)
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs the session on `context` and disconnects its hubs at the end.
    private func session(in context: CommandContext) async -> Int32 {
        let interactive = isatty(STDIN_FILENO) == 1
        let editor = interactive
            ? LineEditor(history: History.load(from: History.defaultPath()), completer: Completer(tree: ShellCommands.completionTree))
            : nil
        let session = ShellSession(context: context.with(interruption: .cancellationOnly), reader: ShellReader(editor: editor), interactive: interactive)
        let status = await session.run()
        await context.realtime.stop()
        return status
    }
}
