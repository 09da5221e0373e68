import Foundation
import Gateway

/// Asks before acting on an account that is not simulated.
///
/// Simulated accounts never ask. Otherwise `--yes` skips the question; without it the question is
/// asked on the terminal (prompt on stderr, answer on stdin), and when stdin is not a terminal the
/// command refuses, since nobody can answer.
struct Confirmer: Sendable {
    /// Whether a person can answer on stdin.
    let isInteractive: @Sendable () -> Bool
    /// Shows the prompt and returns the answer (nil at end of input).
    let ask: @Sendable (String) -> String?

    init(isInteractive: @escaping @Sendable () -> Bool, ask: @escaping @Sendable (String) -> String?) {
        self.isInteractive = isInteractive
        self.ask = ask
    }

    /// The process's terminal.
    static let terminal = Confirmer(
        isInteractive: { isatty(STDIN_FILENO) == 1 },
        ask: { prompt in
            StandardStream.error.write(prompt)
            return readLine(strippingNewline: true)
        }
    )

    /// Returns when `action` on `account` may go ahead; throws when it may not.
    ///
    /// - Parameter action: what will happen, as a phrase: "place a market buy of 1 MESZ6".
    func confirm(_ action: String, on account: Account, assumeYes: Bool) throws(CLIError) {
        guard !account.simulated, !assumeYes else { return }
        guard isInteractive() else {
            throw .usage(
                "Account \(account.name) (\(account.id)) is not simulated and stdin is not a terminal, so nobody can confirm; "
                    + "add --yes to \(action) anyway."
            )
        }
        let answer = ask("Account \(account.name) (\(account.id)) is NOT simulated. \(action.prefix(1).uppercased() + action.dropFirst())? Type 'yes' to confirm: ")
        guard let answer, ["yes", "y"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw .declined
        }
    }
}
