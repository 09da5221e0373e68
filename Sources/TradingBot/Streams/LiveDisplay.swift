/// The escape sequences of a display redrawn in place on a terminal (the depth ladder, the quote
/// board): each frame moves the cursor back to the first line of the previous frame, clears and
/// rewrites every line, and erases what is left below, so the screen never scrolls.
///
/// It only builds text; the renderer writes it. The cursor is hidden while the display is live
/// and shown again by ``end()``.
///
/// ```swift
/// var display = LiveDisplay()
/// output.raw(display.frame(["ESZ6  5000.25"]))   // hides the cursor, draws
/// output.raw(display.frame(["ESZ6  5000.50"]))   // "\r\u{1B}[1A" back up, redraws
/// output.raw(display.end())                      // shows the cursor again
/// ```
struct LiveDisplay: Sendable, Equatable {
    /// Lines drawn by the last frame (the cursor is on the line below them).
    private(set) var drawnLines = 0
    private var cursorHidden = false

    /// Moves the cursor to the start of the line `count` lines up.
    static func up(_ count: Int) -> String {
        count > 0 ? "\r\u{1B}[\(count)A" : ""
    }

    /// The text that replaces the previous frame with `lines` (no newline in any of them).
    mutating func frame(_ lines: [String]) -> String {
        var text = cursorHidden ? "" : "\u{1B}[?25l"
        cursorHidden = true
        text += Self.up(drawnLines)
        for line in lines { text += "\u{1B}[2K" + line + "\n" }
        drawnLines = lines.count
        return text + "\u{1B}[J"
    }

    /// The text that erases the frame, so that a note can take its place (the next frame is
    /// drawn below the note).
    mutating func clear() -> String {
        guard drawnLines > 0 else { return "" }
        defer { drawnLines = 0 }
        return Self.up(drawnLines) + "\u{1B}[J"
    }

    /// The text that leaves the last frame on screen and shows the cursor again.
    mutating func end() -> String {
        guard cursorHidden else { return "" }
        cursorHidden = false
        return "\u{1B}[?25h"
    }
}
