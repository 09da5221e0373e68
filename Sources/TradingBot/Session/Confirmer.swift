import Foundation

/// The terminal side of a confirmation: whether a person can answer on stdin, and how the
/// question is put to them. What to ask, and whether to ask at all, is ``ConfirmationPolicy``'s
/// decision (see `CommandContext.confirm`).
struct Confirmer: Sendable {
    /// Whether a person can answer on stdin.
    let isInteractive: @Sendable () -> Bool
    /// Shows the prompt and returns the answer (nil at end of input).
    let ask: @Sendable (String) -> String?

    init(isInteractive: @escaping @Sendable () -> Bool, ask: @escaping @Sendable (String) -> String?) {
        self.isInteractive = isInteractive
        self.ask = ask
    }

    /// The process's terminal: the prompt on stderr, the answer from stdin.
    static let terminal = Confirmer(
        isInteractive: { isatty(STDIN_FILENO) == 1 },
        ask: { prompt in
            StandardStream.error.write(prompt)
            return readLine(strippingNewline: true)
        }
    )
}
