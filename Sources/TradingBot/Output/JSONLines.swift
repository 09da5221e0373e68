import Foundation

/// The JSON form of `--json` output: compact, keys sorted (stable for tests and diffs), dates as
/// ISO-8601 UTC with milliseconds (`2026-11-27T14:30:00.000Z`), enums as the gateway's integers.
enum JSONLines {
    private static let dateStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// One value as one line of JSON.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(dateStyle.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A date as it appears in JSON output.
    static func timestamp(_ date: Date) -> String {
        dateStyle.format(date)
    }
}
