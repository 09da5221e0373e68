import ArgumentParser

/// Measures the gateway SDK's real-time ingest against the Python SignalR clients on the same
/// simulator feed, and the raw framing limit in the same run.
///
/// ```
/// swift run -c release gateway-benchmark            # the whole comparison, a table at the end
/// swift run -c release gateway-benchmark limits     # only the in-process decoding limits
/// ```
@main
struct GatewayBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway-benchmark",
        abstract: "Compare market-data ingest of the Swift SDK with signalrcore and pysignalr.",
        subcommands: [CompareCommand.self, ConsumeCommand.self, LimitsCommand.self],
        defaultSubcommand: CompareCommand.self
    )
}
