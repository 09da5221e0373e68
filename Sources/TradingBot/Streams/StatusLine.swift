import Foundation

/// A single line on stderr that says what a stream is doing while no data has come yet
/// (``WaitingStatus``), rewritten in place and erased when the data comes, so that the data takes
/// its place. Only for a person at a terminal: ``StreamRunner/showingStatus(_:)`` leaves it out
/// when stdout or stderr is not a terminal, and with `--json`.
///
/// ```swift
/// var line = StatusLine(waiting: waiting, columns: 80, write: Output.standardError)
/// line.show(.connecting)      // "\r\u{1B}[2Kconnecting to the market hub…"
/// line.clear()                // "\r\u{1B}[2K"
/// ```
struct StatusLine: Sendable {
    let waiting: WaitingStatus
    /// The terminal's width: a longer line is cut, so that it never wraps.
    let columns: Int?
    /// How long after subscribing without data the line says why (``WaitingStatus/Phase/quiet``).
    var quietAfter: Duration = .seconds(5)
    private let write: @Sendable (String) -> Void
    private(set) var visible = false
    /// The phase shown last.
    private(set) var phase: WaitingStatus.Phase?

    init(waiting: WaitingStatus, columns: Int?, quietAfter: Duration = .seconds(5), write: @escaping @Sendable (String) -> Void) {
        self.waiting = waiting
        self.columns = columns
        self.quietAfter = quietAfter
        self.write = write
    }

    /// Replaces the line with the text of `phase`.
    mutating func show(_ phase: WaitingStatus.Phase, at date: Date = Date()) {
        // One column stays free: a line that fills the width would wrap the cursor.
        write("\r\u{1B}[2K" + QuoteBoard.fit(waiting.text(phase, at: date), columns.map { $0 - 1 }))
        visible = true
        self.phase = phase
    }

    /// Shows the last phase again after a ``clear()`` (an event that printed nothing).
    mutating func restore() {
        guard !visible, let phase else { return }
        show(phase)
    }

    /// Erases the line, if shown, and leaves the cursor at its start.
    mutating func clear() {
        guard visible else { return }
        write("\r\u{1B}[2K")
        visible = false
    }
}
