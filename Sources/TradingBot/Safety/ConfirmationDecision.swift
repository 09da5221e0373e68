/// What ``ConfirmationPolicy`` decides about one write (an order, a modification, a
/// cancellation, a close, a flatten).
enum ConfirmationDecision: Sendable, Equatable {
    /// Send it without asking: a practice account, an account listed in `noConfirmAccounts`, or
    /// `--yes`.
    case proceed
    /// Show `prompt` (on stderr) and send only after the answer "yes".
    case ask(prompt: String)
    /// Send nothing: the one error line (exit 64) saying why and what to do.
    case refuse(message: String)
}
