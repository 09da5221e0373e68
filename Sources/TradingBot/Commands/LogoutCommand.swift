import ArgumentParser
import Foundation

/// `logout`: ends the session at the gateway (`Auth/logout`).
struct LogoutCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "End the session: the gateway stops accepting its token.",
        discussion: """
            Calls Auth/logout with the session token, then forgets it. On its own the command \
            first logs in to have a session to end (every command logs in by itself; nothing is \
            stored). In the shell it ends the shell's session and disconnects its hubs; the next \
            command logs in again.

            Example:
              trading-bot logout
              trading-bot shell   # then: logout
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    /// The JSON line of `logout --json`.
    struct Result: Encodable, Sendable {
        var action = "logout"
        var apiUrl: String
        var success = true
    }

    func execute(in context: CommandContext) async throws {
        // The hubs hold connections made with the token being ended.
        await context.realtime.stop()
        try await context.client.logout()
        try context.output.jsonLine(Result(apiUrl: context.configuration.apiURL.absoluteString))
        context.output.text("Logged out of \(context.configuration.apiURL.absoluteString): the session token is no longer accepted.")
    }
}
