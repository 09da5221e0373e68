import ArgumentParser
import Foundation
import Gateway
import GatewaySimulator
import Logging
import SignalR

/// Injects faults at random into a simulator while a client streams quotes, trades and depth for
/// several contracts and the user hub, then reports how the client recovered.
///
/// ```
/// swift run -c release chaos-run --faults 120 --duration 60     # the short run CI does
/// swift run -c release chaos-run --faults 2000 --duration 1800  # the long one
/// ```
/// Exits non-zero when a subscription was lost, an invocation hung, a refresh overlapped another,
/// a token appeared in the logs, or a fault was not recovered from.
@main
struct ChaosRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos-run",
        abstract: "Inject gateway faults at random and measure how the client recovers."
    )

    @Option(help: "Stop after this many faults.") var faults = 100
    @Option(help: "Stop after this many seconds.") var duration: Double = 90
    @Option(help: "Seed of the fault sequence and of the simulated market.") var seed: UInt64 = 1
    @Option(help: "Seconds of silence after which the market hub declares its feed stale.") var staleWindow: Double = 1
    @Option(help: "Seconds a fault may take to recover from before it counts as a failure.") var recoveryTimeout: Double = 20
    @Option(
        help: ArgumentHelp(
            "Inject only these kinds (comma-separated; default: all).",
            discussion: "Kinds: \(FaultKind.allCases.map(\.option).joined(separator: ", "))."))
    var kinds: String?
    @Flag(help: "Echo every log line to stderr.") var verbose = false

    func validate() throws {
        _ = try selectedKinds()
    }

    /// The kinds to inject, from `--kinds`.
    func selectedKinds() throws -> [FaultKind] {
        guard let kinds else { return FaultKind.allCases }
        return try kinds.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let kind = FaultKind.allCases.first(where: { $0.option == trimmed }) else {
                throw ValidationError("Unknown fault kind '\(trimmed)'. Use one of: \(FaultKind.allCases.map(\.option).joined(separator: ", ")).")
            }
            return kind
        }
    }

    func run() async throws {
        let capture = LogCapture(echo: verbose, level: .info)
        LoggingSystem.bootstrap { label in capture.handler(label: label) }

        var simulatorConfiguration = SimulatorConfiguration()
        simulatorConfiguration.port = 0
        simulatorConfiguration.market = MarketFeedConfiguration(seed: seed, tickInterval: .milliseconds(20), updatesPerContractPerTick: 1)
        simulatorConfiguration.logLevel = .warning
        // The client below declares the server lost after 5 s of silence, so the server must ping
        // well within that (the reference: the timeout is about twice the server's keep-alive).
        var hubsConfiguration = SimulatorHubsConfiguration()
        hubsConfiguration.hub.keepAliveInterval = .seconds(1)
        let simulator = GatewaySimulator(configuration: simulatorConfiguration, hubs: SimulatorHubs(configuration: hubsConfiguration))
        let port = try await simulator.start()

        // safe: a loopback URL with a bound port.
        let root = URL(string: "http://127.0.0.1:\(port)")!
        let credentials = Credentials(userName: SimulatedUser.defaultUserName, apiKey: SimulatedUser.defaultApiKey)
        let client = GatewayClient(configuration: GatewayConfiguration(apiURL: root, realtimeURL: root, credentials: credentials))
        var hubOptions = HubOptions()
        hubOptions.keepAliveInterval = .seconds(1)
        hubOptions.serverTimeout = .seconds(5)
        hubOptions.retryPolicy = ExponentialBackoffRetryPolicy(initialDelay: .milliseconds(50), maximumDelay: .seconds(1))
        var marketOptions = MarketHub.Options()
        marketOptions.hub = hubOptions
        marketOptions.staleFeedWindow = .milliseconds(Int(staleWindow * 1000))
        let market = MarketHub(client: client, options: marketOptions)
        let user = UserHub(client: client, options: hubOptions)

        let symbols = ["ES", "NQ", "MES", "MNQ", "CL", "GC"]
        var contracts: [Contract] = []
        for symbol in symbols { contracts.append(try await client.resolveContract(symbol)) }
        let probeContract = try await client.availableContracts().first { candidate in !contracts.contains { $0.id == candidate.id } }
        guard let probeContract else { throw ValidationError("The simulator offers no spare contract for the invocation probe.") }
        let account = try await client.accounts().first { $0.canTrade && $0.simulated }
        guard let account else { throw ValidationError("The simulator offers no tradable account.") }

        let observer = ChaosObserver(contractIds: contracts.map(\.id))
        let marketEvents = market.events()
        let userEvents = user.events()
        let consumers = [
            Task { await observer.consume(marketEvents) },
            Task { await observer.consume(userEvents) },
        ]
        try await market.start()
        try await user.start()
        for contract in contracts { try await market.subscribeAll(contract.id) }
        try await user.subscribeAll(accountId: account.id)

        let warmUp = ContinuousClock.now
        guard try await waitUntil(seconds: 10, { observer.allContractsFlowing(since: warmUp) }) else {
            throw ValidationError("No market data arrived within 10 s of subscribing; the run cannot start.")
        }

        var injector = FaultSchedule(seed: seed, kinds: try selectedKinds())
        var report = ChaosReport()
        let started = ContinuousClock.now
        let deadline = started + .seconds(duration)
        let driver = FaultDriver(simulator: simulator, client: client, market: market, user: user, observer: observer,
                                 staleWindow: staleWindow, recoveryTimeout: recoveryTimeout, probeContractId: probeContract.id)
        while report.injected < faults, ContinuousClock.now < deadline {
            let kind = injector.next()
            let outcome = await driver.inject(kind, stallWindows: injector.stallWindows())
            report.record(kind, outcome)
            try await Task.sleep(for: .milliseconds(50))
        }
        report.elapsed = ContinuousClock.now - started

        // Every subscription must deliver again after the last fault, market and user hub alike.
        let settle = ContinuousClock.now
        _ = try await waitUntil(seconds: 10, { observer.silentSubscriptions(since: settle).isEmpty })
        report.lostSubscriptions = observer.silentSubscriptions(since: settle)
        let probe = ContinuousClock.now
        let contractId = contracts[0].id
        if (try? await client.placeOrder(.market(accountId: account.id, contractId: contractId, side: .buy, size: 1))) != nil {
            _ = try? await client.closePosition(accountId: account.id, contractId: contractId)
        }
        _ = try await waitUntil(seconds: 5, { let flow = observer.userFlowing(since: probe); return flow.orders && flow.positions && flow.trades })
        let userFlow = observer.userFlowing(since: probe)
        if !userFlow.orders { report.lostSubscriptions.append("user orders \(account.id)") }
        if !userFlow.positions { report.lostSubscriptions.append("user positions \(account.id)") }
        if !userFlow.trades { report.lostSubscriptions.append("user trades \(account.id)") }

        let statistics = await client.tokens.statistics
        report.refreshes = statistics.refreshes
        report.peakConcurrentRefreshes = statistics.peakConcurrentRefreshes
        report.gapsPerContract = observer.gapsPerContract
        report.userGaps = observer.userGaps
        report.events = observer.totalEvents
        report.droppedEvents = market.droppedEvents

        await market.stop()
        await user.stop()
        for consumer in consumers { consumer.cancel() }
        await simulator.stop()

        report.logLines = capture.count
        report.leakedLines = capture.leaks(secrets: [credentials.apiKey])
        print(report.render(seed: seed, staleWindow: staleWindow))
        if !report.passed { throw ExitCode(1) }
    }
}

/// Polls `condition` every 10 ms for up to `seconds`.
func waitUntil(seconds: Double, _ condition: @Sendable () async -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}
