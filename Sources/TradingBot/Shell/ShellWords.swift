/// Splits a shell line into words the way a POSIX shell does for simple commands: blanks
/// separate words; `'…'` keeps everything literally; `"…"` keeps blanks and honours `\"` and
/// `\\`; a backslash outside quotes escapes the next character; a word starting with `#` starts
/// a comment that runs to the end of the line.
///
/// ```swift
/// try ShellWords.split(#"order place --tag "my tag" --size 1  # buy one"#)
/// // ["order", "place", "--tag", "my tag", "--size", "1"]
/// ```
enum ShellWords {
    /// A quote was opened and never closed.
    struct UnterminatedQuote: Error, Equatable, CustomStringConvertible {
        let quote: Character
        var description: String { "The line has an unclosed \(quote) quote; close it or escape it with a backslash." }
    }

    static func split(_ line: String) throws(UnterminatedQuote) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "#" where !inWord:
                return words
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    current.append(next)
                }
                if !closed { throw UnterminatedQuote(quote: "'") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if escaped != "\"" && escaped != "\\" { current.append("\\") }
                        current.append(escaped)
                    } else {
                        current.append(next)
                    }
                }
                if !closed { throw UnterminatedQuote(quote: "\"") }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { current.append(escaped) }
            default:
                inWord = true
                current.append(character)
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
