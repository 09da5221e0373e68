import Foundation
import Gateway

/// The settings a command runs with, after flags, environment and config file were merged, and
/// where each came from (for `--verbose` and `login`).
struct ResolvedConfiguration: Sendable, Equatable {
    /// Where a setting's value came from.
    enum Source: String, Sendable, Equatable {
        case flag, environment, file = "config file", defaultValue = "default"
    }

    var userName: String?
    var apiKey: String?
    var apiURL: URL
    var realtimeURL: URL
    /// `maxOrderSize` from the config file (see ``OrderSizeLimit`` for the limit in force).
    var maxOrderSize: Int?
    /// `noConfirmAccounts` from the config file.
    var noConfirmAccounts: [String] = []
    /// The limit on one REST exchange, and on the hubs' answer to a subscribe, in seconds
    /// (`PROJECTX_REQUEST_TIMEOUT`, `requestTimeout`); nil: the SDK's defaults (30 s and 15 s). A
    /// write whose answer does not come within it is resolved by reading back; a subscribe is
    /// reported and the hub reconnects.
    var requestTimeout: Double?
    /// The zone times are printed in (`--tz`, `PROJECTX_TIME_ZONE`, `timeZone`), by default the
    /// exchange's (``DisplayTimeZone/exchange``).
    var timeZone: TimeZone = DisplayTimeZone.exchange
    /// The account read commands use without `--account` (`PROJECTX_ACCOUNT`,
    /// `PROJECT_X_ACCOUNT_NAME`, `account`): an id or an exact name. Commands that place or change
    /// orders never use it.
    var defaultAccount: String?
    /// Where ``defaultAccount`` was set, for messages (`PROJECTX_ACCOUNT`).
    var defaultAccountSetting: String?
    /// The config file that was read, if one was.
    var configFile: String?
    /// Where a config file would be read from (for messages that suggest adding a key to it).
    var configPathHint = "~/.config/trading-bot/config.json"
    var userNameSource: Source?
    var apiKeySource: Source?
    var apiURLSource: Source
    var realtimeURLSource: Source

    /// How times read for people, in ``timeZone``.
    var times: TimeDisplay { TimeDisplay(zone: timeZone) }

    /// The secrets that error lines must never show.
    var secrets: [String] { apiKey.map { [$0] } ?? [] }

    /// The SDK configuration, or a configuration error naming every way to supply what is missing.
    func gatewayConfiguration() throws(CLIError) -> GatewayConfiguration {
        let configPath = configFile ?? configPathHint
        guard let userName else {
            throw .configuration("No user name: pass --username, set PROJECTX_USERNAME, or add \"username\" to \(configPath).")
        }
        guard let apiKey else {
            throw .configuration("No API key: set PROJECTX_API_KEY, pass --api-key, or add \"apiKey\" to \(configPath).")
        }
        var configuration = GatewayConfiguration(apiURL: apiURL, realtimeURL: realtimeURL, credentials: Credentials(userName: userName, apiKey: apiKey))
        configuration.orderTagPrefix = Self.orderTagPrefix
        if let requestTimeout { configuration.requestTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded())) }
        return configuration
    }

    /// The hubs' settings: the SDK's defaults, with ``requestTimeout`` as the limit on a
    /// subscribe's answer when it is set.
    var hubOptions: HubOptions {
        var options = HubOptions()
        if let requestTimeout { options.invocationTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded())) }
        return options
    }

    /// The prefix of the tags generated for orders placed without `--tag`.
    static let orderTagPrefix = "tb"

    /// The request timeouts accepted, in seconds.
    static let requestTimeoutRange: ClosedRange<Double> = 0.1...3600

    /// The SDK configuration for calls that never log in (`Status/ping`): the credentials that
    /// are set, and empty ones otherwise. A login with empty credentials is refused by the
    /// gateway, so nothing can act on them by accident.
    func anonymousGatewayConfiguration() -> GatewayConfiguration {
        var configuration = GatewayConfiguration(
            apiURL: apiURL, realtimeURL: realtimeURL, credentials: Credentials(userName: userName ?? "", apiKey: apiKey ?? "")
        )
        if let requestTimeout { configuration.requestTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded())) }
        return configuration
    }
}
