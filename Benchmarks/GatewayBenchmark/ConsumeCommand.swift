import ArgumentParser
import Foundation
import Gateway
import Logging
import MarketData
import SignalR

/// The Swift side of the comparison, run as its own process like the Python clients: streams
/// quotes, trades and depth of several contracts through ``MarketHub`` and prints its figures as
/// one JSON line.
struct ConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "consume", abstract: "Consume the market hub and report figures (used by compare).")

    @Option var base: String
    @Option(transform: { $0.split(separator: ",").map(String.init) }) var contracts: [String]
    @Option var seconds: Double = 5
    @Option var warmup: Double = 1
    @Flag(help: "Measure the recovery from a token expiry the harness forces halfway.") var recovery = false

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .error
            return handler
        }
        guard let root = URL(string: base) else { throw ValidationError("--base is not a URL") }
        let client = GatewayClient(configuration: GatewayConfiguration(apiURL: root, realtimeURL: root,
                                                                       credentials: Credentials(userName: "simtrader", apiKey: "sim-api-key")))
        var options = MarketHub.Options()
        options.staleFeedWindow = nil
        options.hub.eventBufferSize = 1 << 20
        options.hub.reconnectPolicy = ReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(500))
        let market = MarketHub(client: client, options: options)
        let events = market.events()
        let meter = IngestMeter()
        let consumer = Task {
            for await event in events { meter.record(event) }
        }
        try await market.start()
        for contract in contracts { try await market.subscribeAll(contract) }
        try await Task.sleep(for: .milliseconds(Int(warmup * 1000)))
        meter.startCounting()
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        let figures = meter.stopCounting()
        await market.stop()
        consumer.cancel()
        var result = figures
        result.client = "swift (MarketHub)"
        result.peakRSSMiB = ProcessMemory.peakResidentMiB()
        let data = try JSONEncoder().encode(result)
        print(String(decoding: data, as: UTF8.self))
    }
}
