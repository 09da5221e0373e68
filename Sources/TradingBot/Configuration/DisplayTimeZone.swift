import Foundation
import Gateway

/// The zone times are printed in: `local`, `UTC` or an IANA name (`America/New_York`), from
/// `--tz`, `PROJECTX_TIME_ZONE` or the config file's `timeZone`; by default the exchange's.
enum DisplayTimeZone {
    /// The exchange's zone: the gateway's contracts are CME group futures, whose Globex trading
    /// day is kept in Chicago time (see ``TradingDay/cme``).
    static let exchange = TradingDay.cme.timeZone

    /// The zone `text` names; `setting` words the error (`--tz`, `PROJECTX_TIME_ZONE`).
    ///
    /// `local` is this machine's zone; `UTC` (or `Z`, `GMT`) is UTC; any other name is looked up
    /// in the time-zone database, ignoring case. An unknown name is an error that names it and
    /// says how to list the valid ones, with close matches when there are some.
    static func parse(_ text: String, setting: String, local: TimeZone = .current) throws(CLIError) -> TimeZone {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch trimmed.lowercased() {
        case "local": return local
        case "utc", "z", "gmt", "etc/utc": return .gmt
        default: break
        }
        // The database knows more names than it lists (`Asia/Kolkata` is listed as `Asia/Calcutta`).
        if trimmed.contains("/"), let zone = TimeZone(identifier: trimmed) { return zone }
        let known = TimeZone.knownTimeZoneIdentifiers
        if let name = known.first(where: { $0.caseInsensitiveCompare(trimmed) == .orderedSame }), let zone = TimeZone(identifier: name) {
            return zone
        }
        let needle = trimmed.lowercased().replacingOccurrences(of: " ", with: "_")
        let close = needle.count >= 3 ? known.filter { $0.lowercased().contains(needle) }.prefix(5) : []
        throw .configuration(
            "\(setting) is \"\(trimmed)\", which is not a time zone; use local, UTC or an IANA name such as America/Chicago"
                + (close.isEmpty ? "" : " (close matches: \(close.joined(separator: ", ")))")
                + ". List the valid names with `timedatectl list-timezones` or `ls /usr/share/zoneinfo`."
        )
    }
}
