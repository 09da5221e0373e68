import ArgumentParser
import Foundation

/// `ping`: whether the gateway answers (`Status/ping`), and how fast. Needs no credentials.
struct PingCommand: GatewayCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Check that the gateway answers, without logging in.",
        discussion: """
            Calls Status/ping, which needs no token, and prints the round-trip time. Exits 69 \
            when the gateway cannot be reached and 76 when something else answers.

            Example:
              trading-bot ping
              trading-bot ping --api-url http://127.0.0.1:5000 --json
            """
    )

    @OptionGroup(title: "Gateway and output") var global: GlobalOptions

    /// The JSON line of `ping --json`.
    struct Result: Encodable, Sendable {
        var apiUrl: String
        var pong: Bool
        var milliseconds: Double
    }

    mutating func run() async throws {
        try await Self.run(self, in: try CommandContext(global: global, requiresCredentials: false))
    }

    func execute(in context: CommandContext) async throws {
        let address = context.configuration.apiURL.absoluteString
        let clock = ContinuousClock()
        let start = clock.now
        let pong = try await context.client.ping()
        let elapsed = clock.now - start
        guard pong else {
            throw CLIError(
                "\(address) answered Status/ping without \"pong\"; check that --api-url or PROJECTX_API_URL points at a ProjectX gateway.",
                status: .protocolError
            )
        }
        let milliseconds = ((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15) * 10).rounded() / 10
        try context.output.jsonLine(Result(apiUrl: address, pong: true, milliseconds: milliseconds))
        context.output.text("The gateway at \(address) answered pong in \(Formatting.elapsed(elapsed)).")
    }
}
