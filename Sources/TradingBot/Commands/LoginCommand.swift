import ArgumentParser
import Foundation

/// `login`: checks the credentials and shows when the session token expires. The token itself is
/// never shown.
struct LoginCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Check the credentials and show when the session token expires.",
        discussion: """
            Logs in with the user name and API key (Auth/loginKey) and reports the token's expiry. \
            Nothing is stored: every command logs in on its own. The token is never printed.

            Example:
              PROJECTX_USERNAME=trader PROJECTX_API_KEY=... trading-bot login
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    /// The JSON line of `login --json`.
    struct Result: Encodable, Sendable {
        var userName: String
        var apiUrl: String
        /// When the token expires, if its `exp` could be read.
        var expiresAt: Date?
    }

    func execute(in context: CommandContext) async throws {
        let expiry = try await context.client.login()
        let userName = context.configuration.userName ?? ""
        try context.output.jsonLine(Result(userName: userName, apiUrl: context.configuration.apiURL.absoluteString, expiresAt: expiry))
        let expiryText = expiry.map { "the session token expires \(context.configuration.times.stamp($0)) (in \(Formatting.duration($0.timeIntervalSinceNow)))" }
            ?? "the session token carries no readable expiry"
        context.output.text("Logged in as \(userName) at \(context.configuration.apiURL.absoluteString); \(expiryText).")
    }
}
