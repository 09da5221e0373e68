import Foundation
import Gateway

/// Decides, without any I/O, whether a write on an account goes ahead, waits for a person's
/// "yes", or is refused.
///
/// Every account asks, except:
/// - a practice account: its name starts with `PRAC` and the gateway reports it simulated
///   (`simulated` alone says nothing about money: evaluation (`50KTC-…`) and funded
///   (`EXPRESS-…`) accounts are reported simulated too, and their losses count);
/// - an account listed in the configuration's `noConfirmAccounts`, by id or exact name;
/// - any account when `--yes` is given.
///
/// The question is asked only when stdin is a terminal; otherwise the write is refused, since
/// nobody could answer, and nothing is sent.
///
/// ```swift
/// let policy = ConfirmationPolicy(noConfirmAccounts: ["8101002"], configPath: "~/.config/trading-bot/config.json")
/// switch policy.decide(account: account, risk: risk, assumeYes: false, isInteractive: true) {
/// case .proceed: send()
/// case .ask(let prompt): if ConfirmationPolicy.accepts(ask(prompt)) { send() }
/// case .refuse(let message): fail(message)
/// }
/// ```
struct ConfirmationPolicy: Sendable, Equatable {
    /// Why no question is asked.
    enum Exemption: Sendable, Equatable {
        case practiceAccount
        case listedInConfiguration
        case assumeYes
    }

    /// Account ids or exact names that never ask (the config file's `noConfirmAccounts`).
    var noConfirmAccounts: [String]
    /// The config file to name in the refusal's advice.
    var configPath: String

    /// The name prefix of practice accounts.
    static let practicePrefix = "PRAC"

    /// Whether `account` is a practice account: named `PRAC…` and reported simulated.
    static func isPracticeAccount(_ account: Account) -> Bool {
        account.simulated && account.name.hasPrefix(practicePrefix)
    }

    /// Why a write on `account` needs no question, or nil when it needs one.
    func exemption(for account: Account, assumeYes: Bool) -> Exemption? {
        if Self.isPracticeAccount(account) { return .practiceAccount }
        if noConfirmAccounts.contains(where: { $0 == String(account.id) || $0 == account.name }) { return .listedInConfiguration }
        if assumeYes { return .assumeYes }
        return nil
    }

    /// The decision for a write described by `risk` on `account`.
    func decide(account: Account, risk: RiskSummary, assumeYes: Bool, isInteractive: Bool) -> ConfirmationDecision {
        guard exemption(for: account, assumeYes: assumeYes) == nil else { return .proceed }
        guard isInteractive else {
            return .refuse(message:
                "\(Self.describe(account)) and stdin is not a terminal, so nobody can confirm: \(risk.action); nothing was sent. "
                    + "Add --yes to send it anyway, or list the account in \"noConfirmAccounts\" in \(configPath)."
            )
        }
        var lines = ["\(Self.describe(account))."]
        lines.append("  " + risk.action.prefix(1).uppercased() + risk.action.dropFirst())
        lines += risk.details.map { "  " + $0 }
        lines.append("Type 'yes' to send it: ")
        return .ask(prompt: lines.joined(separator: "\n"))
    }

    /// Whether an answer to the prompt confirms: `yes` or `y`, in any case, spaces around
    /// ignored. Anything else, and the end of input, declines.
    static func accepts(_ answer: String?) -> Bool {
        guard let answer else { return false }
        return ["yes", "y"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// "Account LIVE-1 (12) is NOT simulated (real money)", or "Account 50KTC-… (13) is not a
    /// practice account".
    static func describe(_ account: Account) -> String {
        account.simulated
            ? "Account \(account.name) (\(account.id)) is not a practice account"
            : "Account \(account.name) (\(account.id)) is NOT simulated (real money)"
    }
}
