import Foundation
import SignalR
import Synchronization

/// Runs a scenario through `HubConnection`: frames are read, split, decoded and dispatched to a
/// handler with typed `(String, GatewayQuote)` / `(String, [GatewayDepthEntry])` arguments, or to a
/// raw `[RawJSON]` handler.
enum HubConnectionRun {
    enum Mode {
        case typed, raw
    }

    /// Returns the time from `start()` until the scenario's last message was dispatched.
    static func run(_ scenario: Scenario, mode: Mode, port: Int) async throws -> Duration {
        var options = HubConnectionOptions(skipNegotiation: true)
        options.keepAliveInterval = .seconds(60)
        options.serverTimeout = .seconds(120)
        options.closeTimeout = .milliseconds(200)
        options.logger.logLevel = .warning
        guard let url = URL(string: "ws://127.0.0.1:\(port)\(scenario.path)") else { throw SignalRError.invalidURL(scenario.path) }
        let connection = HubConnection(url: url, options: options)
        let counter = Counter()
        let (done, finish) = AsyncStream<Void>.makeStream()
        switch (mode, scenario.kind) {
        case (.typed, .quote):
            connection.on("GatewayQuote") { (_: String, quote: GatewayQuote) in
                if quote.lastPrice > 0 { counter.increment() }
            }
        case (.typed, .depth):
            connection.on("GatewayDepth") { (_: String, entries: [GatewayDepthEntry]) in
                if !entries.isEmpty { counter.increment() }
            }
        case (.raw, _):
            connection.onRaw(scenario.kind == .quote ? "GatewayQuote" : "GatewayDepth") { arguments in
                if arguments.count == 2 { counter.increment() }
            }
        }
        connection.onRaw("Done") { _ in finish.yield() }
        let started = ContinuousClock.now
        try await connection.start()
        for await _ in done { break }
        let elapsed = started.duration(to: .now)
        await connection.stop()
        guard counter.value == scenario.messages else {
            throw SignalRError.protocolViolation("dispatched \(counter.value) of \(scenario.messages) messages")
        }
        return elapsed
    }
}
