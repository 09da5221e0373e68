import Foundation

/// The optional configuration file, `$XDG_CONFIG_HOME/trading-bot/config.json` or
/// `~/.config/trading-bot/config.json` (or the path given with `--config`).
///
/// Every key is optional; flags and environment variables take precedence over it:
///
/// ```json
/// {
///   "username": "trader",
///   "apiKey": "…",
///   "apiUrl": "https://api.topstepx.com",
///   "rtcUrl": "https://rtc.topstepx.com",
///   "maxOrderSize": 5,
///   "noConfirmAccounts": ["8101002", "50KTC-V2-51342-19084532"],
///   "requestTimeout": 30,
///   "timeZone": "America/New_York",
///   "account": "PRAC-V2-51342-73810925"
/// }
/// ```
///
/// `noConfirmAccounts` lists the accounts (ids, as numbers or strings, or exact names) on which
/// order commands do not ask for confirmation; practice accounts never ask. `account` (an id or
/// an exact name) is the account read commands use without `--account`.
///
/// `userName` is accepted as a spelling of `username`. Any other key is an error rather than
/// being ignored: a misspelt `apikey` must not silently leave the program without credentials or
/// without its order-size limit. The file holds an API key; keep it readable by you only
/// (`chmod 600`).
struct ConfigurationFile: Sendable, Equatable {
    var username: String?
    var apiKey: String?
    var apiUrl: String?
    var rtcUrl: String?
    /// The largest order size (contracts) the order commands accept.
    var maxOrderSize: Int?
    /// Accounts (ids or exact names) on which order commands do not ask for confirmation.
    var noConfirmAccounts: [String]
    /// The limit on one REST exchange, in seconds.
    var requestTimeout: Double?
    /// The zone times are printed in (`local`, `UTC` or an IANA name).
    var timeZone: String?
    /// The default account of read commands, an id or an exact name.
    var account: String?

    /// The keys the file may contain.
    static let keys = ["username", "apiKey", "apiUrl", "rtcUrl", "maxOrderSize", "noConfirmAccounts", "requestTimeout", "timeZone", "account"]

    init(
        username: String? = nil, apiKey: String? = nil, apiUrl: String? = nil, rtcUrl: String? = nil, maxOrderSize: Int? = nil,
        noConfirmAccounts: [String] = [], requestTimeout: Double? = nil, timeZone: String? = nil,
        account: String? = nil
    ) {
        self.username = username
        self.apiKey = apiKey
        self.apiUrl = apiUrl
        self.rtcUrl = rtcUrl
        self.maxOrderSize = maxOrderSize
        self.noConfirmAccounts = noConfirmAccounts
        self.requestTimeout = requestTimeout
        self.timeZone = timeZone
        self.account = account
    }

    /// Reads the file's contents; `path` only words the errors.
    init(data: Data, path: String) throws(CLIError) {
        do {
            self = try JSONDecoder().decode(ConfigurationFile.self, from: data)
        } catch let error as CLIError {
            throw CLIError.configuration("\(error.message.replacingOccurrences(of: "{path}", with: path))")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw Self.wrongType(context, path: path)
        } catch DecodingError.dataCorrupted(let context) where !context.codingPath.isEmpty {
            throw Self.wrongType(context, path: path)
        } catch {
            throw CLIError.configuration("The config file \(path) is not valid JSON; fix it or move it away (see `trading-bot --help` for the format).")
        }
    }

    private static func wrongType(_ context: DecodingError.Context, path: String) -> CLIError {
        let key = context.codingPath.first?.stringValue ?? "the top level"
        let expected = switch key {
        case "maxOrderSize": "a whole number of contracts"
        case "noConfirmAccounts": "a list of account ids or exact account names"
        case "account": "an account id or exact account name"
        case "requestTimeout": "a number of seconds"
        case "the top level": "one JSON object"
        default: "a string"
        }
        let subject = context.codingPath.isEmpty ? "The config file \(path)" : "\"\(key)\" in the config file \(path)"
        return CLIError.configuration("\(subject) must be \(expected) (see `trading-bot --help` for the format).")
    }
}

extension ConfigurationFile: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys.map(\.stringValue).sorted() where !Self.keys.contains(key) && key != "userName" {
            throw CLIError.configuration("Unknown key \"\(key)\" in the config file {path}; the keys are \(Self.keys.joined(separator: ", ")).")
        }
        func string(_ name: String) throws -> String? {
            let value = try container.decodeIfPresent(String.self, forKey: Key(stringValue: name))
            return value?.isEmpty == true ? nil : value
        }
        username = try string("username") ?? string("userName")
        apiKey = try string("apiKey")
        apiUrl = try string("apiUrl")
        rtcUrl = try string("rtcUrl")
        timeZone = try string("timeZone")
        account = try container.decodeIfPresent(AccountReference.self, forKey: Key(stringValue: "account"))?.text
        // Read as a number first: `1e300` or `2.5` must be refused in words, never converted.
        if let number = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "maxOrderSize")) {
            guard number.isFinite, number == number.rounded(), number.magnitude < 9.0e15 else {
                throw CLIError.configuration("\"maxOrderSize\" in the config file {path} must be a whole number of contracts (it is \(number)).")
            }
            maxOrderSize = Int(number)
        } else {
            maxOrderSize = nil
        }
        if let maxOrderSize, let problem = OrderSizeLimit.problem(with: maxOrderSize, setting: "\"maxOrderSize\" in the config file {path}") {
            throw CLIError.configuration(problem)
        }
        noConfirmAccounts = try container.decodeIfPresent([AccountReference].self, forKey: Key(stringValue: "noConfirmAccounts"))?.map(\.text) ?? []
        requestTimeout = try container.decodeIfPresent(Double.self, forKey: Key(stringValue: "requestTimeout"))
        if let requestTimeout, !ResolvedConfiguration.requestTimeoutRange.contains(requestTimeout) {
            throw CLIError.configuration(
                "\"requestTimeout\" in the config file {path} must be between 0.1 and 3600 seconds (it is \(requestTimeout))."
            )
        }
    }

    /// An entry of `noConfirmAccounts`: an id (a JSON number or string) or an exact name.
    private struct AccountReference: Decodable {
        let text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let id = try? container.decode(Int.self) {
                text = String(id)
                return
            }
            let value = try container.decode(String.self).trimmingCharacters(in: .whitespaces)
            guard !value.isEmpty else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "an empty account")
            }
            text = value
        }
    }
}
