import ArgumentParser

/// A command that talks to the gateway. It declares what it does in ``execute(in:)``; the shared
/// ``run()`` resolves the configuration, builds the client, disconnects any hub the command
/// connected, and attaches what the error presenter needs to any failure.
///
/// Keeping the work in `execute(in:)` lets the interactive shell run the same command types
/// against one long-lived context (one token, hubs that stay connected).
protocol GatewayCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    /// `--metrics-port` of the commands that run for a while; `nil` for the others.
    var metricsOptions: MetricsOptions? { get }
    func execute(in context: CommandContext) async throws
}

extension GatewayCommand {
    var metricsOptions: MetricsOptions? { nil }

    mutating func run() async throws {
        // Before the context: its client and hubs take the metrics backend in force when made.
        let exporter = try await metricsOptions?.startExporter(output: Output(json: global.json))
        do {
            try await Self.run(self, in: try CommandContext(global: global))
        } catch {
            await exporter?.stop()
            throw error
        }
        await exporter?.stop()
    }

    /// Runs `command` in `context`, then disconnects the context's hubs.
    static func run(_ command: Self, in context: CommandContext) async throws {
        do {
            try await command.execute(in: context)
            await context.realtime.stop()
        } catch {
            await context.realtime.stop()
            throw CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)
        }
    }
}
