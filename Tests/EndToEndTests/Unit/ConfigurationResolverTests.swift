import Foundation
import Testing
@testable import TradingBot
import TestGate

@Suite("Configuration resolution: flags, then environment, then the config file, then defaults", .gated)
struct ConfigurationResolverTests {
    static let fullFile = #"{"username": "file-user", "apiKey": "file-key", "apiUrl": "https://file.example", "rtcUrl": "https://rtc.file.example", "maxOrderSize": 3, "noConfirmAccounts": [8101002, "EXPRESS-V2-1"]}"#
    static let fullEnvironment = [
        "HOME": "/home/t",
        "PROJECTX_USERNAME": "env-user", "PROJECTX_API_KEY": "env-key",
        "PROJECTX_API_URL": "https://env.example", "PROJECTX_RTC_URL": "https://rtc.env.example",
    ]

    /// A resolver over an in-memory file system.
    static func resolver(_ environment: [String: String], files: [String: String] = [:]) -> ConfigurationResolver {
        ConfigurationResolver(environment: environment, readFile: { path in files[path].map { Data($0.utf8) } })
    }

    @Test func flagsWinOverEnvironmentAndFile() throws {
        let resolver = Self.resolver(Self.fullEnvironment, files: ["/home/t/.config/trading-bot/config.json": Self.fullFile])
        let flags = ConfigurationFlags(userName: "flag-user", apiKey: "flag-key", apiURL: "https://flag.example", realtimeURL: "https://rtc.flag.example")
        let resolved = try resolver.resolve(flags)
        #expect(resolved.userName == "flag-user")
        #expect(resolved.apiKey == "flag-key")
        #expect(resolved.apiURL.absoluteString == "https://flag.example")
        #expect(resolved.realtimeURL.absoluteString == "https://rtc.flag.example")
        #expect(resolved.userNameSource == .flag && resolved.apiKeySource == .flag && resolved.apiURLSource == .flag && resolved.realtimeURLSource == .flag)
        // The file is still read for what only it can hold.
        #expect(resolved.maxOrderSize == 3)
        #expect(resolved.noConfirmAccounts == ["8101002", "EXPRESS-V2-1"])
        #expect(resolved.configFile == "/home/t/.config/trading-bot/config.json")
    }

    @Test func environmentWinsOverFile() throws {
        let resolver = Self.resolver(Self.fullEnvironment, files: ["/home/t/.config/trading-bot/config.json": Self.fullFile])
        let resolved = try resolver.resolve(ConfigurationFlags())
        #expect(resolved.userName == "env-user")
        #expect(resolved.apiKey == "env-key")
        #expect(resolved.apiURL.absoluteString == "https://env.example")
        #expect(resolved.realtimeURL.absoluteString == "https://rtc.env.example")
        #expect(resolved.apiKeySource == .environment)
    }

    @Test func requestTimeoutComesFromTheEnvironmentThenTheFile() throws {
        let file = ["/home/t/.config/trading-bot/config.json": #"{"requestTimeout": 12}"#]
        let fromFile = try Self.resolver(Self.fullEnvironment, files: file).resolve(ConfigurationFlags())
        #expect(fromFile.requestTimeout == 12)
        #expect(try fromFile.gatewayConfiguration().requestTimeout == .seconds(12))
        var environment = Self.fullEnvironment
        environment["PROJECTX_REQUEST_TIMEOUT"] = "1.5"
        let fromEnvironment = try Self.resolver(environment, files: file).resolve(ConfigurationFlags())
        #expect(try fromEnvironment.gatewayConfiguration().requestTimeout == .milliseconds(1500))
        #expect(try fromEnvironment.gatewayConfiguration().orderTagPrefix == "tb", "the program's orders are tagged tb-…")
        let unset = try Self.resolver(Self.fullEnvironment).resolve(ConfigurationFlags())
        #expect(try unset.gatewayConfiguration().requestTimeout == .seconds(30), "the SDK's default")
        for bad in ["soon", "0", "-3", "4000"] {
            environment["PROJECTX_REQUEST_TIMEOUT"] = bad
            let error = #expect(throws: CLIError.self) { try Self.resolver(environment).resolve(ConfigurationFlags()) }
            #expect(error?.status == .configuration)
            #expect(error?.message.contains("PROJECTX_REQUEST_TIMEOUT is \"\(bad)\"") == true, "\(String(describing: error))")
        }
    }

    @Test func fileFillsWhatIsMissing() throws {
        let resolver = Self.resolver(["HOME": "/home/t", "PROJECTX_USERNAME": "env-user"], files: ["/home/t/.config/trading-bot/config.json": Self.fullFile])
        let resolved = try resolver.resolve(ConfigurationFlags())
        #expect(resolved.userName == "env-user")
        #expect(resolved.apiKey == "file-key")
        #expect(resolved.apiKeySource == .file)
        #expect(resolved.apiURL.absoluteString == "https://file.example")
        #expect(resolved.realtimeURL.absoluteString == "https://rtc.file.example")
    }

    @Test func defaultsAreTopstepX() throws {
        let resolved = try Self.resolver(["HOME": "/home/t"]).resolve(ConfigurationFlags())
        #expect(resolved.apiURL.absoluteString == "https://api.topstepx.com")
        #expect(resolved.realtimeURL.absoluteString == "https://rtc.topstepx.com")
        #expect(resolved.apiURLSource == .defaultValue)
        #expect(resolved.userName == nil && resolved.apiKey == nil && resolved.maxOrderSize == nil && resolved.configFile == nil)
        #expect(resolved.noConfirmAccounts.isEmpty)
    }

    @Test func realtimeFollowsACustomAPIRoot() throws {
        let resolved = try Self.resolver(["PROJECTX_API_URL": "http://127.0.0.1:5000"]).resolve(ConfigurationFlags())
        #expect(resolved.realtimeURL.absoluteString == "http://127.0.0.1:5000")
        #expect(resolved.realtimeURLSource == .environment)
    }

    @Test func trailingPathsAreDropped() throws {
        let flags = ConfigurationFlags(apiURL: "https://api.example/api/", realtimeURL: "https://rtc.example/hubs/user")
        let resolved = try Self.resolver([:]).resolve(flags)
        #expect(resolved.apiURL.absoluteString == "https://api.example")
        #expect(resolved.realtimeURL.absoluteString == "https://rtc.example")
    }

    @Test func xdgConfigHomeIsPreferredWhenAbsolute() throws {
        let files = ["/xdg/trading-bot/config.json": #"{"apiKey": "xdg"}"#, "/home/t/.config/trading-bot/config.json": #"{"apiKey": "home"}"#]
        #expect(try Self.resolver(["HOME": "/home/t", "XDG_CONFIG_HOME": "/xdg"], files: files).resolve(ConfigurationFlags()).apiKey == "xdg")
        // A relative XDG_CONFIG_HOME is invalid by the spec and ignored.
        #expect(try Self.resolver(["HOME": "/home/t", "XDG_CONFIG_HOME": "rel"], files: files).resolve(ConfigurationFlags()).apiKey == "home")
    }

    @Test func explicitConfigPathMustExist() throws {
        let resolver = Self.resolver(["HOME": "/home/t"], files: ["/etc/tb.json": #"{"apiKey": "explicit"}"#])
        #expect(try resolver.resolve(ConfigurationFlags(configPath: "/etc/tb.json")).apiKey == "explicit")
        let error = #expect(throws: CLIError.self) { try resolver.resolve(ConfigurationFlags(configPath: "/nope.json")) }
        #expect(error?.status == .configuration)
        #expect(error?.message.contains("/nope.json") == true)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        let resolved = try Self.resolver(["PROJECTX_API_KEY": "  ", "PROJECTX_API_URL": ""]).resolve(ConfigurationFlags())
        #expect(resolved.apiKey == nil)
        #expect(resolved.apiURL.absoluteString == "https://api.topstepx.com")
    }

    @Test func invalidURLsAreConfigurationErrors() throws {
        for url in ["ftp://example", "not a url", "http://"] {
            let error = #expect(throws: CLIError.self) { try Self.resolver([:]).resolve(ConfigurationFlags(apiURL: url)) }
            #expect(error?.status == .configuration)
            #expect(error?.message.contains("--api-url") == true)
        }
        let error = #expect(throws: CLIError.self) { try Self.resolver(["PROJECTX_RTC_URL": "ws:/x"]).resolve(ConfigurationFlags()) }
        #expect(error?.message.contains("PROJECTX_RTC_URL") == true)
    }

    @Test func missingCredentialsNameEveryWayToGiveThem() throws {
        let resolver = Self.resolver(["HOME": "/home/t", "PROJECTX_USERNAME": "u"])
        let error = #expect(throws: CLIError.self) { try resolver.resolve(ConfigurationFlags()).gatewayConfiguration() }
        #expect(error?.status == .configuration)
        for hint in ["PROJECTX_API_KEY", "--api-key", "/home/t/.config/trading-bot/config.json"] {
            #expect(error?.message.contains(hint) == true, "missing \(hint)")
        }
        let noUser = #expect(throws: CLIError.self) { try Self.resolver(["PROJECTX_API_KEY": "k"]).resolve(ConfigurationFlags()).gatewayConfiguration() }
        #expect(noUser?.message.contains("PROJECTX_USERNAME") == true)
    }

    @Test func unreadableFileIsAConfigurationError() throws {
        struct Denied: Error {}
        let resolver = ConfigurationResolver(environment: ["HOME": "/home/t"], readFile: { _ in throw Denied() })
        let error = #expect(throws: CLIError.self) { try resolver.resolve(ConfigurationFlags()) }
        #expect(error?.status == .configuration)
    }

    @Test("a config file holding an API key must be readable by its owner only, unless allowed")
    func readableConfigWithAnAPIKeyIsRefused() throws {
        let path = "/home/t/.config/trading-bot/config.json"
        let readable = ConfigurationResolver(environment: ["HOME": "/home/t"], readFile: { _ in Data(Self.fullFile.utf8) }, isPrivate: { _ in false })
        #expect(throws: CLIError.self) { try readable.resolve(ConfigurationFlags()) }
        do {
            _ = try readable.resolve(ConfigurationFlags())
        } catch {
            #expect(error.message.contains("chmod 600 \(path)"), "\(error.message)")
            #expect(!error.message.contains("file-key"), "the key itself is never printed")
        }
        let allowed = ConfigurationResolver(
            environment: ["HOME": "/home/t", ConfigurationResolver.allowReadableConfigVariable: "1"],
            readFile: { _ in Data(Self.fullFile.utf8) }, isPrivate: { _ in false })
        #expect(try allowed.resolve(ConfigurationFlags()).apiKey == "file-key")
        let withoutKey = ConfigurationResolver(environment: ["HOME": "/home/t"], readFile: { _ in Data(#"{"maxOrderSize": 1}"#.utf8) }, isPrivate: { _ in false })
        #expect(try withoutKey.resolve(ConfigurationFlags()).maxOrderSize == 1, "a file without secrets may be readable")
    }

    @Test("plain http is refused for any host but loopback", arguments: [
        ("http://api.example.com", false), ("http://10.0.0.5:5000", false), ("http://127.0.0.1:5000", true), ("http://localhost:5000", true),
    ])
    func plainHTTPOnlyToLoopback(url: String, accepted: Bool) throws {
        let resolver = Self.resolver(["HOME": "/home/t", "PROJECTX_API_URL": url])
        if accepted {
            #expect(try resolver.resolve(ConfigurationFlags()).apiURL.absoluteString == url)
        } else {
            #expect(throws: CLIError.self) { try resolver.resolve(ConfigurationFlags()) }
        }
    }

    @Test func theDefaultAccountIsTheEnvironmentThenTheFile() throws {
        let path = "/home/t/.config/trading-bot/config.json"
        let file = [path: #"{"account": 8101001}"#]
        let fromFile = try Self.resolver(["HOME": "/home/t"], files: file).resolve(ConfigurationFlags())
        #expect(fromFile.defaultAccount == "8101001")
        #expect(fromFile.defaultAccountSetting == #""account" in the config file \#(path)"#)
        let fromEnvironment = try Self.resolver(["HOME": "/home/t", "PROJECTX_ACCOUNT": "PRAC-1"], files: file).resolve(ConfigurationFlags())
        #expect(fromEnvironment.defaultAccount == "PRAC-1" && fromEnvironment.defaultAccountSetting == "PROJECTX_ACCOUNT")
        let alias = try Self.resolver(["HOME": "/home/t", "PROJECT_X_ACCOUNT_NAME": "PRAC-2"], files: file).resolve(ConfigurationFlags())
        #expect(alias.defaultAccount == "PRAC-2" && alias.defaultAccountSetting == "PROJECT_X_ACCOUNT_NAME")
        let both = try Self.resolver(["HOME": "/home/t", "PROJECT_X_ACCOUNT_NAME": "PRAC-2", "PROJECTX_ACCOUNT": "PRAC-1"]).resolve(ConfigurationFlags())
        #expect(both.defaultAccount == "PRAC-1" && both.defaultAccountSetting == "PROJECTX_ACCOUNT")
        let none = try Self.resolver(["HOME": "/home/t", "PROJECTX_ACCOUNT": "  "]).resolve(ConfigurationFlags())
        #expect(none.defaultAccount == nil && none.defaultAccountSetting == nil)
    }

    @Test("project-x-py's variable names are aliases; ours win")
    func projectXPyAliases() throws {
        let aliases = try Self.resolver(["HOME": "/home/t", "PROJECT_X_USERNAME": "py-user", "PROJECT_X_API_KEY": "py-key"]).resolve(ConfigurationFlags())
        #expect(aliases.userName == "py-user" && aliases.apiKey == "py-key" && aliases.apiKeySource == .environment)
        let both = try Self.resolver(["HOME": "/home/t", "PROJECT_X_USERNAME": "py-user", "PROJECTX_USERNAME": "ours"]).resolve(ConfigurationFlags())
        #expect(both.userName == "ours")
    }
}
