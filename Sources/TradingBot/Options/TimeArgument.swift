import ArgumentParser
import Foundation

/// A point in time typed on the command line: an ISO-8601 date (`2026-11-27`, midnight UTC) or
/// date-time (`2026-11-27T14:30`, `2026-11-27T14:30:00Z`, `2026-11-27T14:30:00-05:00`; without an
/// offset it is UTC).
struct TimeArgument: ExpressibleByArgument, Sendable, Equatable {
    let date: Date

    init(date: Date) {
        self.date = date
    }

    init?(argument: String) {
        guard let date = Self.parse(argument) else { return nil }
        self.date = date
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// Parses the accepted forms; nil for anything else.
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var candidates = [trimmed]
        // Date only: midnight UTC. Date-time without an offset: UTC.
        if trimmed.count == 10 { candidates.append(trimmed + "T00:00:00Z") }
        if trimmed.count == 16 { candidates.append(trimmed + ":00Z") }
        if trimmed.count >= 19, !trimmed.hasSuffix("Z"), !Self.hasOffset(trimmed) { candidates.append(trimmed + "Z") }
        for candidate in candidates {
            if let date = try? Date(candidate.replacingOccurrences(of: " ", with: "T"), strategy: .iso8601) { return date }
            let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            if let date = try? fractional.parse(candidate.replacingOccurrences(of: " ", with: "T")) { return date }
        }
        return nil
    }

    private static func hasOffset(_ text: String) -> Bool {
        // An offset follows the time: `+hh:mm` or `-hh:mm` after position 19.
        let tail = text.dropFirst(19)
        return tail.contains("+") || tail.contains("-")
    }
}
