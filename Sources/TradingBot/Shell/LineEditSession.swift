/// The editing of one line at the prompt: the buffer, the position in the history, the keys.
/// It reads bytes from a closure and writes the redrawn line through another, so that it is
/// tested without a terminal.
///
/// ```swift
/// var session = LineEditSession(prompt: "> ", entries: ["accounts"], completer: completer, write: { print($0, terminator: "") })
/// let input = session.run(read: { nextByte() })
/// ```
struct LineEditSession {
    let prompt: String
    let entries: [String]
    let completer: Completer
    let write: @Sendable (String) -> Void
    var buffer = LineBuffer()
    var decoder = KeyDecoder()
    var historyIndex: Int
    var draft = ""
    var lastKeyWasTab = false

    init(prompt: String, entries: [String], completer: Completer, write: @escaping @Sendable (String) -> Void) {
        self.prompt = prompt
        self.entries = entries
        self.completer = completer
        self.write = write
        historyIndex = entries.count
    }

    /// Edits until Enter (the line), Ctrl-C (``ShellInput/interrupt``), Ctrl-D on an empty line
    /// or the end of the bytes (``ShellInput/end``).
    mutating func run(read: () -> UInt8?) -> ShellInput {
        redraw()
        while let byte = read() {
            guard let key = decoder.feed(byte) else { continue }
            let wasTab = lastKeyWasTab
            lastKeyWasTab = key == .tab
            switch key {
            case .enter:
                write("\n")
                return .line(buffer.text)
            case .interrupt:
                write("^C\n")
                return .interrupt
            case .endOfInput:
                if buffer.isEmpty {
                    write("\n")
                    return .end
                }
                buffer.deleteForward()
            case .text(let text): buffer.insert(text)
            case .backspace: buffer.deleteBackward()
            case .delete: buffer.deleteForward()
            case .left: buffer.moveLeft()
            case .right: buffer.moveRight()
            case .home: buffer.moveToStart()
            case .end: buffer.moveToEnd()
            case .deleteToEnd: buffer.deleteToEnd()
            case .deleteToStart: buffer.deleteToStart()
            case .deleteWord: buffer.deleteWordBackward()
            case .up: showOlder()
            case .down: showNewer()
            case .tab: complete(listing: wasTab)
            case .clearScreen: write("\u{1B}[H\u{1B}[2J")
            case .ignored: continue
            }
            redraw()
        }
        write("\n")
        return .end
    }

    private func redraw() {
        let back = buffer.characters.count - buffer.cursor
        write("\r" + prompt + buffer.text + "\u{1B}[K" + (back > 0 ? "\u{1B}[\(back)D" : ""))
    }

    private mutating func showOlder() {
        guard historyIndex > 0 else { return bell() }
        if historyIndex == entries.count { draft = buffer.text }
        historyIndex -= 1
        buffer.replace(with: entries[historyIndex])
    }

    private mutating func showNewer() {
        guard historyIndex < entries.count else { return bell() }
        historyIndex += 1
        buffer.replace(with: historyIndex == entries.count ? draft : entries[historyIndex])
    }

    private mutating func complete(listing: Bool) {
        guard let completion = completer.complete(buffer.beforeCursor) else { return bell() }
        if completion.candidates.count == 1, let only = completion.candidates.first {
            buffer.replaceBeforeCursor(count: completion.replacing, with: only + " ")
            return
        }
        let prefix = completion.commonPrefix
        if prefix.count > completion.replacing {
            buffer.replaceBeforeCursor(count: completion.replacing, with: prefix)
        } else if listing {
            write("\n" + completion.candidates.joined(separator: "  ") + "\n")
        } else {
            bell()
        }
    }

    private func bell() {
        write("\u{07}")
    }
}
