import Dispatch

/// Reads the shell's input on its own thread, one line per request, so that the shell's task
/// can wait for a line and for signals at the same time. With a ``LineEditor`` when stdin is a
/// terminal; plain lines otherwise.
final class ShellReader: Sendable {
    private let queue = DispatchQueue(label: "trading-bot.shell.input")
    private let editor: LineEditor?

    init(editor: LineEditor?) {
        self.editor = editor
    }

    /// Reads one input and hands it to `deliver` (on the input thread).
    func request(prompt: String, deliver: @escaping @Sendable (ShellInput) -> Void) {
        queue.async { [editor] in
            deliver(editor?.readLine(prompt: prompt) ?? PlainLineReader.readLine())
        }
    }

    /// Leaves raw mode, in case a read is still pending when the shell ends.
    func restoreTerminal() {
        editor?.restoreTerminal()
    }
}
