#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOConcurrencyHelpers

/// A small line editor for the shell's prompt on a terminal, in raw mode: ←/→ (and Ctrl-B/F),
/// Home/End (Ctrl-A/E), Backspace, Delete, ↑/↓ through the history (Ctrl-P/N), Tab completion of
/// command and subcommand names (a second Tab lists the choices), Ctrl-U/K/W to delete, Ctrl-L
/// to clear the screen, Ctrl-C to abandon the line, Ctrl-D on an empty line to leave.
///
/// ``readLine(prompt:)`` blocks until a line is complete, so it runs on the shell's input thread,
/// one call at a time; the history and completer live behind a lock.
final class LineEditor: Sendable {
    /// What the lock guards.
    private struct State {
        var history: History
        let completer: Completer
    }

    private let state: NIOLockedValueBox<State>
    private let terminal: TerminalMode
    private let write: @Sendable (String) -> Void

    init(history: History, completer: Completer, terminal: TerminalMode = TerminalMode(), write: @escaping @Sendable (String) -> Void = Output.standardOutput) {
        state = NIOLockedValueBox(State(history: history, completer: completer))
        self.terminal = terminal
        self.write = write
    }

    /// The lines entered so far, oldest first.
    var history: [String] { state.withLockedValue { $0.history.entries } }

    /// Leaves raw mode now (when the shell ends while a read is pending).
    func restoreTerminal() {
        terminal.restore()
    }

    /// Shows `prompt` and edits one line; blocks until Enter, Ctrl-C or Ctrl-D.
    func readLine(prompt: String) -> ShellInput {
        guard terminal.enableRaw() else { return PlainLineReader.readLine() }
        defer { terminal.restore() }
        return state.withLockedValue { state in
            var session = LineEditSession(prompt: prompt, entries: state.history.entries, completer: state.completer, write: write)
            let input = session.run(read: Self.readByte)
            if case .line(let line) = input { state.history.add(line) }
            return input
        }
    }

    /// One byte from stdin; nil at end of input or on an error.
    private static func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
