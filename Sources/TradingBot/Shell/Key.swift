/// A key press at the prompt, decoded from the terminal's bytes by ``KeyDecoder``.
enum Key: Sendable, Equatable {
    /// Text to insert (one character, UTF-8 decoded).
    case text(String)
    case enter
    case backspace
    /// Delete the character under the cursor.
    case delete
    case left, right, up, down
    case home, end
    case tab
    /// Ctrl-C.
    case interrupt
    /// Ctrl-D.
    case endOfInput
    /// Ctrl-K.
    case deleteToEnd
    /// Ctrl-U.
    case deleteToStart
    /// Ctrl-W.
    case deleteWord
    /// Ctrl-L.
    case clearScreen
    /// A key or sequence the editor does not use.
    case ignored
}
