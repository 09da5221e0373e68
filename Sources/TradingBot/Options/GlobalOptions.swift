import ArgumentParser

/// The options every gateway command takes: where the gateway is, who logs in, how to print.
///
/// Credentials and URLs given here override the environment and the config file.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("username"), help: ArgumentHelp("The platform user name (overrides PROJECTX_USERNAME).", valueName: "name"))
    var userName: String?

    @Option(
        name: .customLong("api-key"),
        help: ArgumentHelp("The API key (overrides PROJECTX_API_KEY). Prefer the variable or the config file: flags are visible to other users in the process list.", valueName: "key")
    )
    var apiKey: String?

    @Option(name: .customLong("api-url"), help: ArgumentHelp("The REST root, e.g. https://api.topstepx.com (overrides PROJECTX_API_URL).", valueName: "url"))
    var apiURL: String?

    @Option(name: .customLong("rtc-url"), help: ArgumentHelp("The realtime root, e.g. https://rtc.topstepx.com (overrides PROJECTX_RTC_URL).", valueName: "url"))
    var realtimeURL: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("The config file (default: $XDG_CONFIG_HOME/trading-bot/config.json or ~/.config/trading-bot/config.json).", valueName: "path"), completion: .file(extensions: ["json"]))
    var configPath: String?

    @Option(
        name: .customLong("tz"),
        help: ArgumentHelp(
            "Print times in this zone: local, UTC or an IANA name such as Europe/London (default: the exchange's, America/Chicago; overrides PROJECTX_TIME_ZONE). JSON stays UTC.",
            valueName: "zone"
        )
    )
    var timeZone: String?

    @Flag(help: "Print JSON, one object per line, instead of tables.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print logs on stderr.")
    var verbose = false

    /// The configuration values given as flags.
    var configurationFlags: ConfigurationFlags {
        ConfigurationFlags(userName: userName, apiKey: apiKey, apiURL: apiURL, realtimeURL: realtimeURL, configPath: configPath, timeZone: timeZone)
    }
}
