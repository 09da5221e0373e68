import Foundation
import Gateway
import Logging

/// Everything a gateway command works with: the resolved settings, the client (whose token
/// manager logs in on the first call), the output and the confirmation prompt.
struct CommandContext: Sendable {
    let configuration: ResolvedConfiguration
    let client: GatewayClient
    let output: Output
    let confirmer: Confirmer
    let logger: Logger

    init(configuration: ResolvedConfiguration, client: GatewayClient, output: Output, confirmer: Confirmer, logger: Logger) {
        self.configuration = configuration
        self.client = client
        self.output = output
        self.confirmer = confirmer
        self.logger = logger
    }

    /// Resolves the configuration from `global`, the environment and the config file.
    init(global: GlobalOptions, resolver: ConfigurationResolver = ConfigurationResolver()) throws(CLIError) {
        let configuration = try resolver.resolve(global.configurationFlags)
        let logger = Logger(label: "trading-bot")
        logger.debug("Configuration resolved.", metadata: [
            "api-url": "\(configuration.apiURL.absoluteString) (\(configuration.apiURLSource.rawValue))",
            "rtc-url": "\(configuration.realtimeURL.absoluteString) (\(configuration.realtimeURLSource.rawValue))",
            "username": "\(configuration.userName ?? "-") (\(configuration.userNameSource?.rawValue ?? "missing"))",
            "config-file": "\(configuration.configFile ?? "none")",
            "max-order-size": "\(configuration.maxOrderSize.map(String.init) ?? "none")",
        ])
        self.init(
            configuration: configuration,
            client: GatewayClient(configuration: try configuration.gatewayConfiguration(), httpClient: GatewayClient.defaultHTTPClient, logger: Logger(label: "gateway.rest")),
            output: Output(json: global.json),
            confirmer: .terminal,
            logger: logger
        )
    }
}
