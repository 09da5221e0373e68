import ArgumentParser
import SignalR
import SignalRProtocol

/// `signalr call URL METHOD [JSON-ARG ...]`: invokes one hub method and prints its result.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Invoke a hub method and print its result as JSON ('null' for a void method).",
        discussion: """
            Example: signalr call http://localhost:5000/hub Add 2 40
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The hub method.")
    var method: String

    @Argument(help: "The method's arguments, each one JSON value.")
    var arguments: [String] = []

    func run() async throws {
        let hub: HubConnection
        let arguments: [RawJSON]
        do {
            arguments = try JSONArguments.values(self.arguments)
            hub = HubConnection(url: try connection.hubURL(), options: connection.connectionOptions(retryPolicy: nil))
        } catch {
            throw ToolFailure.report(error)
        }
        do {
            try await hub.start()
            let result = try await hub.invokeRaw(method, arguments: arguments)
            StandardOutput.write(result?.text ?? "null")
            await hub.stop()
        } catch {
            await hub.stop()
            throw ToolFailure.report(error)
        }
    }
}
