import ArgumentParser
import Foundation
import Gateway
import GatewaySimulator
import Logging

/// `simulator`: runs the embedded gateway simulator until Ctrl-C.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Run a local ProjectX gateway simulator.",
        discussion: """
            Serves the REST API (under /api), the SignalR hubs (/hubs/market and /hubs/user) and \
            the fault-injection endpoint (under /admin) on one root URL, with one user, five \
            accounts (practice, combine, follower, breached, live) and a deterministic market for \
            a given --seed. Prints the URLs and the credential, then serves until Ctrl-C.

            Faults can also be switched at run time, from this machine only:
              curl -X POST http://127.0.0.1:PORT/admin/tokens/revoke-all
              curl -X POST http://127.0.0.1:PORT/admin/feed/stall
              curl -X POST http://127.0.0.1:PORT/admin/hubs/drop -d '{"hub":"market"}'
              curl -X POST http://127.0.0.1:PORT/admin/writes/lose-response -d '{"kind":"place","mode":"reset"}'
              curl -X POST http://127.0.0.1:PORT/admin/status

            Example:
              trading-bot simulator --port 5000 --seed 7 --token-ttl 600
              PROJECTX_API_URL=http://127.0.0.1:5000 PROJECTX_USERNAME=simtrader PROJECTX_API_KEY=sim-api-key trading-bot accounts
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 0

    @Option(name: .customLong("user"), help: ArgumentHelp("The user name the simulator accepts.", valueName: "name"))
    var userName = SimulatedUser.defaultUserName

    @Option(name: .customLong("api-key"), help: ArgumentHelp("The API key the simulator accepts.", valueName: "key"))
    var apiKey = SimulatedUser.defaultApiKey

    @Option(name: .customLong("token-ttl"), help: ArgumentHelp("Lifetime of issued tokens in seconds (the gateway's is 86400).", valueName: "seconds"))
    var tokenLifetime: Double = 86_400

    @Option(help: "The seed of the simulated market: the same seed gives the same prices.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("Market updates per contract per second.", valueName: "per-second"))
    var rate: Double = 2

    @Option(name: .customLong("max-bars"), help: ArgumentHelp("The most bars one History/retrieveBars returns (the gateway's is 20000).", valueName: "count"))
    var maximumBars = 20_000

    @Flag(name: .customLong("no-rate-limits"), help: "Never answer HTTP 429.")
    var noRateLimits = false

    @Flag(name: .customLong("stall-feed"), help: "Fault: start with a silently frozen market feed.")
    var stallFeed = false

    @Flag(name: .customLong("market-closed"), help: "Fault: refuse every order as outside trading hours.")
    var marketClosed = false

    @Option(name: .customLong("refuse-upgrades"), help: ArgumentHelp("Fault: answer 401 to the first N hub WebSocket upgrades.", valueName: "count"))
    var refusedUpgrades = 0

    @Option(name: .customLong("split-frames"), help: ArgumentHelp("Fault: split hub messages into WebSocket frames of at most this many bytes.", valueName: "bytes"))
    var splitFrameBytes: Int?

    @Option(name: .customLong("fragment-frames"), help: ArgumentHelp("Fault: send hub messages in WebSocket continuation frames of at most this many bytes.", valueName: "bytes"))
    var fragmentFrameBytes: Int?

    @Option(name: .customLong("batch-frames"), help: ArgumentHelp("Fault: pack this many hub messages into one WebSocket frame.", valueName: "count"))
    var batchFrameMessages: Int?

    @Option(name: .customLong("large-depth"), help: ArgumentHelp("Fault: pad depth snapshots to at least this many bytes in one frame.", valueName: "bytes"))
    var oversizedDepthBytes: Int?

    @Option(
        name: .customLong("lose-response"),
        help: ArgumentHelp(
            "Fault: the next COUNT writes of KIND lose their answer: reset, hang, garble and status500 execute the write first, reset-unexecuted does not (\(LostResponseArgument.syntax)). Repeatable.",
            valueName: "kind:mode[:count]"
        )
    )
    var lostResponses: [LostResponseArgument] = []

    @Flag(help: "Print the addresses as one JSON object.")
    var json = false

    @Flag(name: .shortAndLong, help: "Log every request on stderr.")
    var verbose = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard tokenLifetime.isFinite, (1...315_360_000).contains(tokenLifetime) else {
            throw ValidationError("--token-ttl must be a number of seconds from 1 to 315360000 (ten years); it is \(tokenLifetime).")
        }
        guard rate > 0, rate <= 100_000 else { throw ValidationError("--rate must be above 0 and at most 100000 updates per second.") }
        guard (1...1_000_000).contains(maximumBars) else { throw ValidationError("--max-bars must be between 1 and 1000000 (it is \(maximumBars)).") }
        guard !userName.isEmpty, !apiKey.isEmpty else { throw ValidationError("--user and --api-key must not be empty.") }
        guard (0...1_000_000).contains(refusedUpgrades) else { throw ValidationError("--refuse-upgrades must be between 0 and 1000000 (it is \(refusedUpgrades)).") }
        if [splitFrameBytes, fragmentFrameBytes, batchFrameMessages].compactMap({ $0 }).count > 1 {
            throw ValidationError("Give one of --split-frames, --fragment-frames and --batch-frames.")
        }
        for (flag, value) in [("--split-frames", splitFrameBytes), ("--fragment-frames", fragmentFrameBytes), ("--batch-frames", batchFrameMessages), ("--large-depth", oversizedDepthBytes)] {
            // 64 MiB: beyond any frame a client accepts; the bound keeps padding arithmetic sane.
            if let value, !(1...(64 << 20)).contains(value) { throw ValidationError("\(flag) must be between 1 and \(64 << 20) (it is \(value)).") }
        }
        let kinds = lostResponses.map(\.kind)
        if Set(kinds).count != kinds.count { throw ValidationError("Give each kind of write to --lose-response once.") }
    }

    /// The simulator's configuration from the flags.
    var simulatorConfiguration: SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        if userName != SimulatedUser.defaultUserName || apiKey != SimulatedUser.defaultApiKey {
            var user = SimulatedUser.standard
            user.userName = userName
            user.apiKey = apiKey
            configuration.users = [user]
        }
        configuration.tokenLifetime = tokenLifetime
        configuration.market = Self.market(seed: seed, rate: rate)
        configuration.maximumBars = maximumBars
        configuration.rateLimits.enabled = !noRateLimits
        configuration.initialFaults.feedStalled = stallFeed
        configuration.initialFaults.marketClosed = marketClosed
        configuration.initialFaults.refusedUpgrades = refusedUpgrades
        if let splitFrameBytes { configuration.initialFaults.frameMode = .split(maxFrameBytes: splitFrameBytes) }
        if let fragmentFrameBytes { configuration.initialFaults.frameMode = .fragment(maxFrameBytes: fragmentFrameBytes) }
        if let batchFrameMessages { configuration.initialFaults.frameMode = .batch(messagesPerFrame: batchFrameMessages) }
        configuration.initialFaults.oversizedDepthFrameBytes = oversizedDepthBytes
        for lost in lostResponses {
            configuration.initialFaults.lostResponses[lost.kind] = LostResponseSwitch(mode: lost.mode, remaining: lost.count)
        }
        configuration.logLevel = verbose ? .info : .critical
        return configuration
    }

    /// Up to 100 steps per second with one update each; above that, 100 steps per second with
    /// several updates per step.
    static func market(seed: UInt64, rate: Double) -> MarketFeedConfiguration {
        if rate <= 100 {
            return MarketFeedConfiguration(seed: seed, tickInterval: .nanoseconds(Int64(1e9 / rate)), updatesPerContractPerTick: 1)
        }
        return MarketFeedConfiguration(
            seed: seed, tickInterval: .milliseconds(10), updatesPerContractPerTick: Int((rate / 100).rounded(.up)), subscriberBufferSize: 65_536
        )
    }

    /// The JSON line of `simulator --json`.
    struct Addresses: Encodable, Sendable {
        var apiUrl: String
        var rtcUrl: String
        var restUrl: String
        var adminUrl: String
        var marketHubUrl: String
        var userHubUrl: String
        var userName: String
        var apiKey: String
    }

    func run() async throws {
        // Catch Ctrl-C before anything is printed: whoever reads "Press Ctrl-C to stop." may send it at once.
        let signals = TerminationSignal.listen()
        let simulator = GatewaySimulator(configuration: simulatorConfiguration, logger: Logger(label: "simulator"))
        let boundPort: Int
        do {
            boundPort = try await simulator.start()
        } catch {
            throw CLIError("The simulator could not listen on \(host):\(port) (\(error)); choose another --port, or 0 for a free one.", status: .unavailable)
        }
        let root = "http://\(host.contains(":") ? "[\(host)]" : host):\(boundPort)"
        let output = Output(json: json)
        if !TransportSecurity.isLoopback(host: host) {
            output.note(
                "warning: listening on \(host), reachable from other machines: the credentials (user \(userName), API key "
                    + "\(apiKey)) are public, and everything travels in clear text. Use --host 127.0.0.1 unless that is what you want."
            )
        }
        let marketHub = root + SimulatorHubs.marketPath
        let userHub = root + SimulatorHubs.userPath
        try output.jsonLine(Addresses(
            apiUrl: root, rtcUrl: root, restUrl: root + "/api", adminUrl: root + "/admin", marketHubUrl: marketHub, userHubUrl: userHub,
            userName: userName, apiKey: apiKey
        ))
        output.text("""
            ProjectX gateway simulator listening on \(root)
              REST:   \(root)/api
              hubs:   \(marketHub)  \(userHub)  (token in ?access_token= or Authorization: Bearer)
              admin:  \(root)/admin  (fault injection, e.g. curl -X POST \(root)/admin/tokens/revoke-all)
              login:  user \(userName), API key \(apiKey)
            Use it with:
              export PROJECTX_API_URL=\(root) PROJECTX_RTC_URL=\(root) PROJECTX_USERNAME=\(userName) PROJECTX_API_KEY=\(apiKey)
            Press Ctrl-C to stop.
            """)
        let signal = await signals.next()
        output.note("Stopping the simulator (\(signal == SIGINT ? "interrupt" : "terminate")).")
        await simulator.stop()
    }
}
