/// The configuration values given as flags (each nil when absent).
struct ConfigurationFlags: Sendable, Equatable {
    var userName: String?
    var apiKey: String?
    var apiURL: String?
    var realtimeURL: String?
    var configPath: String?
    /// `--tz`: the display time zone's name.
    var timeZone: String?
}
