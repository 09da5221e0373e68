import Foundation

/// The character cells a terminal chart may fill: the terminal's own size when stdout is one,
/// else `COLUMNS` and `LINES` from the environment, else 100 × 30, always within sane bounds.
///
/// ```swift
/// ChartSize.resolve(terminal: nil, environment: ["COLUMNS": "80", "LINES": "24"])
/// // ChartSize(columns: 80, rows: 24)
/// ```
struct ChartSize: Sendable, Equatable {
    var columns: Int
    var rows: Int

    /// The size used when neither the terminal nor the environment gives one.
    static let fallback = ChartSize(columns: 100, rows: 30)
    /// Narrower than this leaves no room for candles beside the price labels; wider or taller
    /// than these is a mistaken variable, not a screen.
    static let columnBounds = 40...500
    static let rowBounds = 12...200

    /// The size to draw at: `terminal` (the `TIOCGWINSZ` answer for stdout) when there is one,
    /// else each of `COLUMNS` and `LINES` that is a positive integer, else the fallback; then
    /// clamped to ``columnBounds`` and ``rowBounds``.
    static func resolve(terminal: TerminalSize?, environment: [String: String]) -> ChartSize {
        let columns = terminal?.columns ?? positive(environment["COLUMNS"]) ?? fallback.columns
        let rows = terminal?.rows ?? positive(environment["LINES"]) ?? fallback.rows
        return ChartSize(columns: columns, rows: rows).clamped
    }

    /// This size within ``columnBounds`` and ``rowBounds``: what the renderers draw at, so that a
    /// size given directly (not through ``resolve(terminal:environment:)``) still leaves room.
    var clamped: ChartSize {
        ChartSize(columns: Self.clamp(columns, Self.columnBounds), rows: Self.clamp(rows, Self.rowBounds))
    }

    private static func positive(_ text: String?) -> Int? {
        guard let text, let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 else { return nil }
        return value
    }

    private static func clamp(_ value: Int, _ bounds: ClosedRange<Int>) -> Int {
        min(max(value, bounds.lowerBound), bounds.upperBound)
    }
}
