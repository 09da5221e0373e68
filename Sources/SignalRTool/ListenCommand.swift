import ArgumentParser
import Foundation
import SignalR
import SignalRProtocol

/// `signalr listen URL [--invoke 'METHOD [ARGS]']... --event NAME... [--count N]`: prints server
/// events as JSON lines, re-sending the `--invoke` calls after every (re)connect.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Print hub events as JSON lines: {\"event\":\"NAME\",\"arguments\":[...]}.",
        discussion: """
            Each --invoke is a method name optionally followed by a JSON array of its arguments, \
            quoted as one shell word: --invoke 'SubscribeContractQuotes ["CON.F.US.EP.U25"]'. \
            The --invoke calls run in order after the connection starts and again after every \
            reconnect (a reconnect is a new server connection without subscriptions).

            Without --reconnect a lost connection is retried after 0, 2, 10 and 30 seconds; \
            with it, forever with capped exponential backoff and jitter.

            Example:
              signalr listen https://rtc.topstepx.com/hubs/market \\
                --token-command 'cat ~/.token' --access-token-query \\
                --skip-negotiation --count 10 --event GatewayQuote \\
                --invoke 'SubscribeContractQuotes ["CON.F.US.EP.U25"]' 
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("invoke"), help: ArgumentHelp("A call to make after every connect: 'METHOD [JSON-ARRAY]' (repeatable).", valueName: "method [args]"))
    var invocations: [String] = []

    @Option(name: .customLong("event"), help: ArgumentHelp("An event to print (repeatable; at least one).", valueName: "name"))
    var events: [String] = []

    @Option(help: ArgumentHelp("Exit after this many events.", valueName: "n"))
    var count: Int?

    @Flag(help: "Reconnect forever (exponential backoff with jitter) instead of the standard 0/2/10/30 s.")
    var reconnect = false

    func validate() throws {
        if events.isEmpty { throw ValidationError("Give at least one --event NAME.") }
        if let count, count <= 0 { throw ValidationError("--count must be positive.") }
    }

    func run() async throws {
        let hub: HubConnection
        let calls: [InvocationSpec]
        do {
            calls = try invocations.map(InvocationSpec.parse)
            let policy: any RetryPolicy = reconnect ? ExponentialBackoffRetryPolicy() : DefaultRetryPolicy()
            hub = HubConnection(url: try connection.hubURL(), options: connection.connectionOptions(retryPolicy: policy))
        } catch {
            throw ToolFailure.report(error)
        }
        let (lines, output) = AsyncStream<Outcome>.makeStream()
        for event in events {
            let name = Self.jsonString(event)
            hub.onRaw(event) { arguments in
                output.yield(.line("{\"event\":\(name),\"arguments\":[" + arguments.map(\.text).joined(separator: ",") + "]}"))
            }
        }
        let watcher = Task {
            for await state in hub.states {
                switch state {
                case .connected:
                    for call in calls {
                        do {
                            _ = try await hub.invokeRaw(call.method, arguments: call.arguments)
                        } catch {
                            output.yield(.failure(ToolFailure("--invoke \(call.method) failed: \(ToolFailure.line(for: error))")))
                            return
                        }
                    }
                case .reconnecting(let reason):
                    if connection.verbose { StandardError.write("signalr: reconnecting: \(reason)") }
                case .disconnected(let error?):
                    output.yield(.failure(error))
                    return
                case .connecting, .disconnected(nil):
                    break
                }
            }
        }
        defer { watcher.cancel() }
        do {
            try await hub.start()
        } catch {
            throw ToolFailure.report(error)
        }
        var printed = 0
        for await outcome in lines {
            switch outcome {
            case .line(let line):
                StandardOutput.write(line)
                printed += 1
                if let count, printed >= count {
                    await hub.stop()
                    return
                }
            case .failure(let error):
                await hub.stop()
                throw ToolFailure.report(error)
            }
        }
    }

    enum Outcome: Sendable {
        case line(String)
        case failure(any Error)
    }

    static func jsonString(_ text: String) -> String {
        guard let data = try? JSONEncoder().encode(text) else { return "\"\"" }
        return String(decoding: data, as: UTF8.self)
    }
}
