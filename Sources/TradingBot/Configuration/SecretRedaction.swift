/// Descriptions of the configuration types that can hold the API key: the key is never printed,
/// not even by `print(configuration)`, string interpolation, `dump` or a debugger's summary.
/// Each lists its non-secret settings and marks whether a key is present.

extension ConfigurationFlags: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String {
        "ConfigurationFlags(userName: \(userName ?? "nil"), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), apiURL: \(apiURL ?? "nil"), "
            + "realtimeURL: \(realtimeURL ?? "nil"), configPath: \(configPath ?? "nil"), timeZone: \(timeZone ?? "nil"))"
    }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension ConfigurationFile: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String {
        "ConfigurationFile(username: \(username ?? "nil"), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), apiUrl: \(apiUrl ?? "nil"), "
            + "rtcUrl: \(rtcUrl ?? "nil"), maxOrderSize: \(maxOrderSize.map(String.init) ?? "nil"), noConfirmAccounts: \(noConfirmAccounts))"
    }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension ResolvedConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    var description: String {
        "ResolvedConfiguration(userName: \(userName ?? "nil"), apiKey: \(apiKey == nil ? "nil" : "<redacted>"), "
            + "apiURL: \(apiURL.absoluteString), realtimeURL: \(realtimeURL.absoluteString), configFile: \(configFile ?? "nil"))"
    }
    var debugDescription: String { description }
    var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
