/// Text for a terminal that may hold ANSI escape sequences (colours, cursor movement), measured
/// by what it shows.
///
/// ```swift
/// TerminalText.cut("\u{1B}[32mESZ6 5000.25\u{1B}[0m", to: 4)   // "\u{1B}[32mESZ6\u{1B}[0m"
/// ```
enum TerminalText {
    /// `text` cut to `columns` shown characters, so that a line never wraps. Escape sequences
    /// (`ESC [` … a letter) take no column and are kept; a cut line that had any ends with a
    /// reset, so that its colour does not run on.
    static func cut(_ text: String, to columns: Int) -> String {
        var result = ""
        var shown = 0
        var escaped = false
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "\u{1B}" {
                escaped = true
                result.append(character)
                // The sequence runs to its final byte, a letter.
                while let next = characters.next() {
                    result.append(next)
                    if next != "[", next.isLetter { break }
                }
                continue
            }
            guard shown < columns else {
                return escaped ? result + "\u{1B}[0m" : result
            }
            result.append(character)
            shown += 1
        }
        return result
    }

    /// The number of characters `text` shows (escape sequences take none).
    static func width(_ text: String) -> Int {
        var shown = 0
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "\u{1B}" {
                while let next = characters.next(), !(next != "[" && next.isLetter) {}
                continue
            }
            shown += 1
        }
        return shown
    }
}
