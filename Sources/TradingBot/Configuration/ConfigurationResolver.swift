import Foundation
import Gateway

/// Merges the settings in their order of precedence: flags, then environment variables
/// (`PROJECTX_USERNAME`, `PROJECTX_API_KEY`, `PROJECTX_API_URL`, `PROJECTX_RTC_URL`,
/// `PROJECTX_REQUEST_TIMEOUT`, `PROJECTX_TIME_ZONE`, `PROJECTX_ACCOUNT`), then the config file, then the defaults
/// (TopstepX's URLs, the exchange's time zone).
///
/// The config file is `--config PATH` when given (it must exist), otherwise
/// `$XDG_CONFIG_HOME/trading-bot/config.json` when `XDG_CONFIG_HOME` is an absolute path, otherwise
/// `$HOME/.config/trading-bot/config.json`; a missing default file is simply skipped.
///
/// URLs are roots (`https://api.topstepx.com`); a trailing `/api` or `/hubs/...` is dropped. When
/// only the API URL is set, the realtime URL defaults to the same root (as the simulator serves
/// both), not to TopstepX's.
///
/// The environment and the file system are injected so that the precedence is unit tested:
///
/// ```swift
/// let resolver = ConfigurationResolver(environment: ["PROJECTX_API_KEY": "k"], readFile: { _ in nil })
/// let settings = try resolver.resolve(ConfigurationFlags(userName: "me"))
/// ```
struct ConfigurationResolver: Sendable {
    static let defaultAPIURL = "https://api.topstepx.com"
    static let defaultRealtimeURL = "https://rtc.topstepx.com"

    /// The environment variables.
    var environment: [String: String]
    /// Reads a file: its contents, or nil when it does not exist.
    var readFile: @Sendable (String) throws -> Data?
    /// Whether a file can be read by its owner only (no group or other permission bits).
    var isPrivate: @Sendable (String) -> Bool

    /// The variable that allows an API key in a config file other users can read.
    static let allowReadableConfigVariable = "TRADING_BOT_ALLOW_READABLE_CONFIG"

    init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        readFile: @escaping @Sendable (String) throws -> Data? = ConfigurationResolver.readFileFromDisk,
        isPrivate: @escaping @Sendable (String) -> Bool = ConfigurationResolver.isPrivateOnDisk
    ) {
        self.environment = environment
        self.readFile = readFile
        self.isPrivate = isPrivate
    }

    /// The default config file location, or nil when neither `XDG_CONFIG_HOME` nor `HOME` is set.
    var defaultConfigPath: String? {
        if let xdg = value("XDG_CONFIG_HOME"), xdg.hasPrefix("/") {
            return Self.join(xdg, "trading-bot/config.json")
        }
        guard let home = value("HOME") else { return nil }
        return Self.join(home, ".config/trading-bot/config.json")
    }

    /// Resolves every setting.
    func resolve(_ flags: ConfigurationFlags) throws(CLIError) -> ResolvedConfiguration {
        let (file, filePath) = try loadFile(explicitPath: flags.configPath)

        let userName = pick(flags.userName, "PROJECTX_USERNAME", file.username)
        let apiKey = pick(flags.apiKey, "PROJECTX_API_KEY", file.apiKey)
        let apiText = pick(flags.apiURL, "PROJECTX_API_URL", file.apiUrl)
        let realtimeText = pick(flags.realtimeURL, "PROJECTX_RTC_URL", file.rtcUrl)

        let apiURL = try Self.rootURL(apiText?.value ?? Self.defaultAPIURL, setting: apiText.map { Self.name(of: "api", $0.source) } ?? "default", strip: ["/api"])
        let realtimeDefault = apiText == nil ? Self.defaultRealtimeURL : apiURL.absoluteString
        let realtimeURL = try Self.rootURL(
            realtimeText?.value ?? realtimeDefault, setting: realtimeText.map { Self.name(of: "rtc", $0.source) } ?? "default",
            strip: ["/hubs/user", "/hubs/market", "/hubs"]
        )
        var resolved = ResolvedConfiguration(
            userName: userName?.value, apiKey: apiKey?.value, apiURL: apiURL, realtimeURL: realtimeURL,
            maxOrderSize: file.maxOrderSize, noConfirmAccounts: file.noConfirmAccounts, configFile: filePath,
            userNameSource: userName?.source, apiKeySource: apiKey?.source,
            apiURLSource: apiText?.source ?? .defaultValue,
            realtimeURLSource: realtimeText?.source ?? apiText?.source ?? .defaultValue
        )
        if let hint = flags.configPath ?? defaultConfigPath { resolved.configPathHint = hint }
        resolved.requestTimeout = try requestTimeout() ?? file.requestTimeout
        // The default account has no flag of its own: `--account` is the command's option, and
        // the command prefers it over this default.
        if let account = pick(nil, "PROJECTX_ACCOUNT", file.account) {
            resolved.defaultAccount = account.value
            resolved.defaultAccountSetting = account.source == .environment
                ? (value("PROJECTX_ACCOUNT") != nil ? "PROJECTX_ACCOUNT" : "PROJECT_X_ACCOUNT_NAME")
                : "\"account\" in the config file \(filePath ?? "")"
        }
        if let zone = pick(flags.timeZone, "PROJECTX_TIME_ZONE", file.timeZone) {
            let setting = switch zone.source {
            case .flag: "--tz"
            case .environment: "PROJECTX_TIME_ZONE"
            case .file, .defaultValue: "\"timeZone\" in the config file \(filePath ?? "")"
            }
            resolved.timeZone = try DisplayTimeZone.parse(zone.value, setting: setting)
        }
        return resolved
    }

    private func loadFile(explicitPath: String?) throws(CLIError) -> (ConfigurationFile, String?) {
        guard let path = explicitPath ?? defaultConfigPath else { return (ConfigurationFile(), nil) }
        let data: Data?
        do {
            data = try readFile(path)
        } catch {
            throw .configuration("Cannot read the config file \(path) (\(error.localizedDescription)); check its permissions.")
        }
        guard let data else {
            if explicitPath != nil {
                throw .configuration("The config file \(path) given with --config does not exist; check the path.")
            }
            return (ConfigurationFile(), nil)
        }
        let file = try ConfigurationFile(data: data, path: path)
        // An API key is a password: refuse one that other users of the machine can read, the way
        // ssh refuses a readable private key.
        if file.apiKey != nil, !isPrivate(path), value(Self.allowReadableConfigVariable) != "1" {
            throw .configuration(
                "The config file \(path) holds an API key and other users can read it; run `chmod 600 \(path)` "
                    + "(or set \(Self.allowReadableConfigVariable)=1 to use it anyway)."
            )
        }
        return (file, path)
    }

    /// `PROJECTX_REQUEST_TIMEOUT` in seconds, when set.
    private func requestTimeout() throws(CLIError) -> Double? {
        guard let text = value("PROJECTX_REQUEST_TIMEOUT") else { return nil }
        guard let seconds = Double(text), ResolvedConfiguration.requestTimeoutRange.contains(seconds) else {
            throw .configuration("PROJECTX_REQUEST_TIMEOUT is \"\(text)\"; it must be a number of seconds between 0.1 and 3600, such as 30.")
        }
        return seconds
    }

    private func value(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The names project-x-py (the Python SDK) reads, accepted as aliases so that one environment
    /// serves both; ours win when both are set.
    static let environmentAliases = [
        "PROJECTX_USERNAME": "PROJECT_X_USERNAME", "PROJECTX_API_KEY": "PROJECT_X_API_KEY", "PROJECTX_ACCOUNT": "PROJECT_X_ACCOUNT_NAME",
    ]

    private func pick(_ flag: String?, _ variable: String, _ file: String?) -> (value: String, source: ResolvedConfiguration.Source)? {
        if let flag, !flag.isEmpty { return (flag, .flag) }
        if let environment = value(variable) { return (environment, .environment) }
        if let alias = Self.environmentAliases[variable], let environment = value(alias) { return (environment, .environment) }
        if let file, !file.isEmpty { return (file, .file) }
        return nil
    }

    private static func name(of setting: String, _ source: ResolvedConfiguration.Source) -> String {
        switch source {
        case .flag: "--\(setting)-url"
        case .environment: "PROJECTX_\(setting.uppercased())_URL"
        case .file: "\"\(setting)Url\" in the config file"
        case .defaultValue: "default"
        }
    }

    /// Parses an http(s) root URL, dropping a trailing slash and any of `strip`.
    static func rootURL(_ text: String, setting: String, strip: [String]) throws(CLIError) -> URL {
        var root = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while root.hasSuffix("/") { root.removeLast() }
        for suffix in strip where root.lowercased().hasSuffix(suffix) {
            root.removeLast(suffix.count)
            break
        }
        guard let url = URL(string: root), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else {
            throw .configuration("\(setting) is \"\(text)\", which is not an http(s) URL; use a root such as \(defaultAPIURL).")
        }
        if let problem = TransportSecurity.problem(with: url) {
            throw .configuration("\(setting) is \"\(text)\": \(problem).")
        }
        return url
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    /// Whether the file at `path` grants no permission to its group or to others.
    @Sendable static func isPrivateOnDisk(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return true }
        return status.st_mode & 0o077 == 0
    }

    /// Reads a file from disk; nil when it does not exist.
    @Sendable static func readFileFromDisk(_ path: String) throws -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
