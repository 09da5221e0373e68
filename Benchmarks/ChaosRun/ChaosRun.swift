import ArgumentParser
import Foundation
import Gateway
import GatewaySimulator
import Logging
import SignalR

/// Injects faults at random into a simulator while a client streams quotes, trades and depth for
/// several contracts and the user hub, and trades on the practice account (``OrderTraffic``),
/// then reports how the client recovered.
///
/// With the order traffic (the default), the schedule also loses the answers of writes (executed
/// then reset, hung, garbled or HTTP 500; or reset unexecuted), and after every recovery the
/// SDK's ``AccountMonitor`` state is compared with the simulator's books (``AccountAudit``).
///
/// ```
/// swift run -c release chaos-run --faults 120 --duration 60     # the short run CI does
/// swift run -c release chaos-run --faults 2000 --duration 1800  # the long one
/// ```
/// Exits non-zero when a subscription was lost, an invocation hung, a refresh overlapped another,
/// a token appeared in the logs, a fault was not recovered from, the account state diverged from
/// the simulator's, an order was duplicated, or a write whose answer was lost stayed unknown.
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
            "Seconds a connection must stay live not to count as a failure (the reconnect policy's healthy duration).",
            discussion: "The next fault is injected only after this much more time, so that each fault meets a healthy connection and "
                + "is measured on its own; with faults closer together every one counts as a flapping server's and is backed off."))
    var healthyConnection: Double = 0.3
    @Option(
        help: ArgumentHelp(
            "Inject only these kinds (comma-separated; default: all).",
            discussion: "Kinds: \(FaultKind.allCases.map(\.option).joined(separator: ", "))."))
    var kinds: String?
    @Flag(
        inversion: .prefixedNo,
        help: "Trade on the practice account meanwhile (places, cancels, modifies, fills, brackets, closes), lose write answers, and compare the account state with the simulator's after every recovery.")
    var orders = true
    @Option(help: "Writes per second of the order traffic.") var orderRate: Double = 3
    @Option(help: "Seconds the client waits for a REST answer (a lost answer that hangs is held longer).") var requestTimeout: Double = 4
    @Flag(help: "Echo every log line to stderr.") var verbose = false

    /// The request budget of a run with order traffic, on both sides (the documented one is 200).
    static let orderTrafficRequestsPerMinute = 1000

    func validate() throws {
        _ = try selectedKinds()
        guard orderRate.isFinite, orderRate > 0, orderRate <= 100 else {
            throw ValidationError("--order-rate must be between 0 and 100 writes per second (got \(orderRate)).")
        }
        guard requestTimeout.isFinite, requestTimeout >= 1, requestTimeout <= 60 else {
            throw ValidationError("--request-timeout must be between 1 and 60 seconds (got \(requestTimeout)).")
        }
    }

    /// The kinds to inject, from `--kinds`.
    func selectedKinds() throws -> [FaultKind] {
        // Lost answers need writes to lose: without the order traffic there are none.
        let available = FaultKind.allCases.filter { orders || $0.lostMode == nil }
        guard let kinds else { return available }
        return try kinds.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let kind = FaultKind.allCases.first(where: { $0.option == trimmed }) else {
                throw ValidationError("Unknown fault kind '\(trimmed)'. Use one of: \(FaultKind.allCases.map(\.option).joined(separator: ", ")).")
            }
            if kind.lostMode != nil, !orders {
                throw ValidationError("Fault kind '\(trimmed)' loses the answers of writes, and --no-orders makes none; drop one of the two.")
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
        if orders {
            // A fault every second or so, each followed by the account's resynchronisation (four
            // reads), beside the traffic's writes and read-backs: about five requests a second,
            // more than the documented 200 a minute allow. A 429 then holds a read for up to
            // half a minute (correctly), which the run would count as a hung invocation; the
            // 429 bursts of the schedule still exercise the client's handling of 429.
            // The client keeps under the same budget on its side (its own limiter would
            // otherwise queue reads for tens of seconds: a resynchronisation stuck behind it).
            simulatorConfiguration.rateLimits.general = RateLimitRule(limit: Self.orderTrafficRequestsPerMinute, window: 60)
        }
        // The client below declares the server lost after 5 s of silence, so the server must ping
        // well within that (the reference: the timeout is about twice the server's keep-alive).
        var hubsConfiguration = SimulatorHubsConfiguration()
        hubsConfiguration.hub.keepAliveInterval = .seconds(1)
        let simulator = GatewaySimulator(configuration: simulatorConfiguration, hubs: SimulatorHubs(configuration: hubsConfiguration))
        let port = try await simulator.start()

        // safe: a loopback URL with a bound port.
        let root = URL(string: "http://127.0.0.1:\(port)")!
        let credentials = Credentials(userName: SimulatedUser.defaultUserName, apiKey: SimulatedUser.defaultApiKey)
        var gatewayConfiguration = GatewayConfiguration(apiURL: root, realtimeURL: root, credentials: credentials)
        gatewayConfiguration.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        if orders { gatewayConfiguration.generalRateLimit = RequestRate(requests: Self.orderTrafficRequestsPerMinute, per: .seconds(60)) }
        let client = GatewayClient(configuration: gatewayConfiguration)
        var hubOptions = HubOptions()
        hubOptions.keepAliveInterval = .seconds(1)
        hubOptions.serverTimeout = .seconds(5)
        let healthy = Duration.milliseconds(Int64((min(max(healthyConnection, 0), 60) * 1000).rounded()))
        hubOptions.reconnectPolicy = ReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .seconds(1), healthyConnectionDuration: healthy)
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

        var traffic: TrafficRun?
        if orders {
            traffic = try await TrafficRun.start(
                client: client, simulator: simulator, user: user, market: market, account: account,
                contracts: Dictionary(zip(symbols, contracts), uniquingKeysWith: { first, _ in first }), rate: orderRate, hangSeconds: requestTimeout + 2, seed: seed
            )
        }

        var injector = FaultSchedule(seed: seed, kinds: try selectedKinds())
        var report = ChaosReport()
        let started = ContinuousClock.now
        let deadline = started + .seconds(duration)
        let driver = FaultDriver(simulator: simulator, client: client, market: market, user: user, observer: observer,
                                 staleWindow: staleWindow, recoveryTimeout: recoveryTimeout, probeContractId: probeContract.id)
        var scheduled = 0
        while scheduled < faults, ContinuousClock.now < deadline {
            let kind = injector.next()
            if let mode = kind.lostMode {
                // Armed for the traffic's next write of a kind, not waited for: the hub faults
                // that follow hit while that write's answer is lost and resolved.
                guard let traffic else { continue }
                let free = traffic.driver.freeKinds
                if free.isEmpty {
                    try await Task.sleep(for: .milliseconds(200))
                    continue
                }
                if traffic.driver.queueLostResponse(of: injector.pick(free), mode: mode) { scheduled += 1 }
                continue
            }
            let injected = ContinuousClock.now
            let outcome = await driver.inject(kind, stallWindows: injector.stallWindows())
            report.record(kind, outcome)
            scheduled += 1
            if let traffic {
                await traffic.check(after: "\(kind.rawValue) (fault \(scheduled))", since: kind.disruptsUserHub ? injected : nil)
            }
            try await Task.sleep(for: healthy + .milliseconds(50))
        }
        report.elapsed = ContinuousClock.now - started
        if let traffic {
            report.orders = await traffic.finish(into: &report)
        }

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

        await traffic?.stopMonitor()

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
