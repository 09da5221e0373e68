import ArgumentParser
import SignalRProtocol

/// `signalr`: call methods on and listen to any SignalR hub (JSON protocol over WebSockets),
/// like wscat for SignalR.
@main
struct SignalRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signalr",
        abstract: "Call methods on and listen to events of an ASP.NET Core SignalR hub.",
        discussion: """
            Arguments are JSON values: quote strings ('"text"'), write objects as '{"a":1}'. \
            Failures exit with a non-zero status and one line on stderr; a refused token says at \
            which phase (negotiate or WebSocket upgrade) it was refused.

            Examples:
              signalr call http://localhost:5000/hub Echo '"hello"'
              signalr listen https://rtc.topstepx.com/hubs/market \\
                --token-command 'cat ~/.token' --access-token-query \\
                --skip-negotiation --count 10 --event GatewayQuote \\
                --invoke 'SubscribeContractQuotes ["CON.F.US.EP.U25"]' 
            """,
        version: PackageVersion.current,
        subcommands: [CallCommand.self, ListenCommand.self]
    )
}
