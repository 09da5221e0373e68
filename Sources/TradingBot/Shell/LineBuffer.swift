/// The line being edited at the prompt: its characters and the cursor, with the editing moves of
/// the line editor. Pure state, so every move is unit tested.
struct LineBuffer: Sendable, Equatable {
    private(set) var characters: [Character] = []
    /// Characters before the cursor (0 at the start of the line).
    private(set) var cursor = 0

    init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    var text: String { String(characters) }

    /// The text left of the cursor.
    var beforeCursor: String { String(characters[..<cursor]) }

    var isEmpty: Bool { characters.isEmpty }

    mutating func insert(_ text: String) {
        characters.insert(contentsOf: text, at: cursor)
        cursor += text.count
    }

    /// Backspace: removes the character left of the cursor.
    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Delete: removes the character under the cursor.
    mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    mutating func moveToStart() { cursor = 0 }
    mutating func moveToEnd() { cursor = characters.count }

    /// Ctrl-K: removes everything right of the cursor.
    mutating func deleteToEnd() {
        characters.removeSubrange(cursor...)
    }

    /// Ctrl-U: removes everything left of the cursor.
    mutating func deleteToStart() {
        characters.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: removes the word left of the cursor (and the blanks after it).
    mutating func deleteWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Replaces the whole line (history), cursor at the end.
    mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Replaces the `count` characters left of the cursor with `text` (completion).
    mutating func replaceBeforeCursor(count: Int, with text: String) {
        let start = max(0, cursor - count)
        characters.replaceSubrange(start..<cursor, with: Array(text))
        cursor = start + text.count
    }
}
