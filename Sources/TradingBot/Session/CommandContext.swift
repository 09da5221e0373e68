import Foundation
import Gateway
import Logging

/// Everything a gateway command works with: the resolved settings, the client (whose token
/// manager logs in on the first call), the hubs (connected on first use), the output, the
/// confirmation prompt and how the person stops a long-running command.
///
/// A command run on its own gets a fresh context; the shell runs every command on one context,
/// so they share one token and hubs that stay connected.
struct CommandContext: Sendable {
    let configuration: ResolvedConfiguration
    let client: GatewayClient
    let output: Output
    let confirmer: Confirmer
    let logger: Logger
    /// The market and user hubs, connected on first use.
    let realtime: RealtimeHubs
    /// How streams learn that they should stop (Ctrl-C on their own, cancellation in the shell).
    let interruption: Interruption

    init(
        configuration: ResolvedConfiguration, client: GatewayClient, output: Output, confirmer: Confirmer, logger: Logger,
        realtime: RealtimeHubs? = nil, interruption: Interruption = .process
    ) {
        self.configuration = configuration
        self.client = client
        self.output = output
        self.confirmer = confirmer
        self.logger = logger
        self.realtime = realtime ?? RealtimeHubs(client: client)
        self.interruption = interruption
    }

    /// A copy printing to `output` instead, sharing everything else (client, hubs).
    func printing(to output: Output) -> CommandContext {
        CommandContext(
            configuration: configuration, client: client, output: output, confirmer: confirmer, logger: logger,
            realtime: realtime, interruption: interruption
        )
    }

    /// Resolves the configuration from `global`, the environment and the config file.
    ///
    /// - Parameter requiresCredentials: false for commands that never log in (`ping`): missing
    ///   credentials are then no error.
    init(global: GlobalOptions, resolver: ConfigurationResolver = ConfigurationResolver(), requiresCredentials: Bool = true) throws(CLIError) {
        let configuration = try resolver.resolve(global.configurationFlags)
        for secret in configuration.secrets { RedactingLogHandler.secrets.register(secret) }
        let logger = Logger(label: "trading-bot")
        logger.debug("Configuration resolved.", metadata: [
            "api-url": "\(configuration.apiURL.absoluteString) (\(configuration.apiURLSource.rawValue))",
            "rtc-url": "\(configuration.realtimeURL.absoluteString) (\(configuration.realtimeURLSource.rawValue))",
            "username": "\(configuration.userName ?? "-") (\(configuration.userNameSource?.rawValue ?? "missing"))",
            "config-file": "\(configuration.configFile ?? "none")",
            "max-order-size": "\(configuration.maxOrderSize.map(String.init) ?? "none")",
        ])
        let gateway = requiresCredentials ? try configuration.gatewayConfiguration() : configuration.anonymousGatewayConfiguration()
        let client = GatewayClient(configuration: gateway, httpClient: GatewayClient.defaultHTTPClient, logger: Logger(label: "gateway.rest"))
        var marketOptions = MarketHub.Options()
        marketOptions.hub = configuration.hubOptions
        self.init(
            configuration: configuration,
            client: client,
            output: Output(json: global.json, isTerminal: isatty(STDOUT_FILENO) == 1),
            confirmer: .terminal,
            logger: logger,
            realtime: RealtimeHubs(client: client, marketOptions: marketOptions, userOptions: configuration.hubOptions)
        )
    }

    /// The same session (client, hubs, prompt) printing through `output` instead.
    func with(output: Output) -> CommandContext {
        CommandContext(
            configuration: configuration, client: client, output: output, confirmer: confirmer, logger: logger,
            realtime: realtime, interruption: interruption
        )
    }

    /// The same session, printing times in `zone` instead (a shell line's `--tz`).
    func with(timeZone zone: TimeZone) -> CommandContext {
        var configuration = configuration
        configuration.timeZone = zone
        return CommandContext(
            configuration: configuration, client: client, output: output, confirmer: confirmer, logger: logger,
            realtime: realtime, interruption: interruption
        )
    }

    /// The same session, stopped by `interruption` instead.
    func with(interruption: Interruption) -> CommandContext {
        CommandContext(
            configuration: configuration, client: client, output: output, confirmer: confirmer, logger: logger,
            realtime: realtime, interruption: interruption
        )
    }
}
