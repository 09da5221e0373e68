import ArgumentParser

/// A command that talks to the gateway. It declares what it does in ``execute(in:)``; the shared
/// ``run()`` resolves the configuration, builds the client and attaches what the error presenter
/// needs to any failure.
///
/// Keeping the work in `execute(in:)` lets the interactive shell run the same command types
/// against one long-lived context (one token, hubs that stay connected).
protocol GatewayCommand: AsyncParsableCommand {
    var global: GlobalOptions { get }
    func execute(in context: CommandContext) async throws
}

extension GatewayCommand {
    mutating func run() async throws {
        let context = try CommandContext(global: global)
        do {
            try await execute(in: context)
        } catch {
            throw CommandFailure(underlying: error, apiURL: context.configuration.apiURL, secrets: context.configuration.secrets)
        }
    }
}
