import Gateway
import Testing
@testable import TradingBot
import TestGate

/// Every path of the confirmation policy: which accounts ask, which go ahead, which refuse.
@Suite("Confirmation policy", .gated)
struct ConfirmationPolicyTests {
    static let practice = Account(id: 1, name: "PRAC-V2-51342-73810925", balance: 50_000, canTrade: true, isVisible: true, simulated: true)
    /// Evaluation and funded accounts are reported simulated, like the real gateway does.
    static let combine = Account(id: 2, name: "50KTC-V2-51342-19084532", balance: 50_000, canTrade: true, isVisible: true, simulated: true)
    static let express = Account(id: 3, name: "EXPRESS-V2-51342-66120487", balance: 50_000, canTrade: true, isVisible: true, simulated: true)
    static let live = Account(id: 4, name: "LIVE-51342-90011273", balance: 25_000, canTrade: true, isVisible: true, simulated: false)
    /// A practice name on an account the gateway says is not simulated: not trusted.
    static let pracNotSimulated = Account(id: 5, name: "PRAC-V2-1", balance: 1, canTrade: true, isVisible: true, simulated: false)
    static let lowercasePrac = Account(id: 6, name: "prac-v2-1", balance: 1, canTrade: true, isVisible: true, simulated: true)

    static let risk = RiskSummary(action: "place a market buy of 2 MESZ6 (CON.F.US.MES.Z26)", details: ["1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts", "no stop loss bracket: nothing attached limits the loss"])
    static let policy = ConfirmationPolicy(noConfirmAccounts: [], configPath: "/home/me/.config/trading-bot/config.json")

    @Test func practiceAccountsNeverAsk() {
        for assumeYes in [false, true] {
            for interactive in [false, true] {
                #expect(Self.policy.decide(account: Self.practice, risk: Self.risk, assumeYes: assumeYes, isInteractive: interactive) == .proceed)
            }
        }
        #expect(Self.policy.exemption(for: Self.practice, assumeYes: true) == .practiceAccount)
        #expect(ConfirmationPolicy.isPracticeAccount(Self.practice))
    }

    @Test(arguments: [combine, express, live, pracNotSimulated, lowercasePrac])
    func everyOtherAccountAsksOnATerminal(account: Account) throws {
        #expect(!ConfirmationPolicy.isPracticeAccount(account))
        #expect(Self.policy.exemption(for: account, assumeYes: false) == nil)
        guard case .ask(let prompt) = Self.policy.decide(account: account, risk: Self.risk, assumeYes: false, isInteractive: true) else {
            Issue.record("expected a prompt for \(account.name)")
            return
        }
        let lines = prompt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("Account \(account.name) (\(account.id)) is ") == true)
        #expect(lines.contains("  Place a market buy of 2 MESZ6 (CON.F.US.MES.Z26)"))
        #expect(lines.contains("  1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts"))
        #expect(lines.contains("  no stop loss bracket: nothing attached limits the loss"))
        #expect(lines.last == "Type 'yes' to send it: ")
    }

    @Test func theFirstLineSaysWhatKindOfAccountItIs() {
        let prompt = { (account: Account) -> String in
            guard case .ask(let prompt) = Self.policy.decide(account: account, risk: Self.risk, assumeYes: false, isInteractive: true) else { return "" }
            return prompt
        }
        #expect(prompt(Self.combine).hasPrefix("Account 50KTC-V2-51342-19084532 (2) is not a practice account.\n"))
        #expect(prompt(Self.live).hasPrefix("Account LIVE-51342-90011273 (4) is NOT simulated (real money).\n"))
    }

    @Test(arguments: [combine, express, live])
    func withoutATerminalItRefusesInOneLine(account: Account) throws {
        guard case .refuse(let message) = Self.policy.decide(account: account, risk: Self.risk, assumeYes: false, isInteractive: false) else {
            Issue.record("expected a refusal for \(account.name)")
            return
        }
        #expect(!message.contains("\n"))
        #expect(message.hasPrefix("Account \(account.name) (\(account.id)) is "))
        #expect(message.contains("stdin is not a terminal, so nobody can confirm: place a market buy of 2 MESZ6 (CON.F.US.MES.Z26); nothing was sent."))
        #expect(message.hasSuffix("Add --yes to send it anyway, or list the account in \"noConfirmAccounts\" in /home/me/.config/trading-bot/config.json."))
    }

    @Test(arguments: [combine, express, live])
    func yesGoesAheadWithOrWithoutATerminal(account: Account) {
        for interactive in [false, true] {
            #expect(Self.policy.decide(account: account, risk: Self.risk, assumeYes: true, isInteractive: interactive) == .proceed)
        }
        #expect(Self.policy.exemption(for: account, assumeYes: true) == .assumeYes)
    }

    @Test func accountsListedByIdOrExactNameGoAhead() {
        let policy = ConfirmationPolicy(noConfirmAccounts: ["2", "LIVE-51342-90011273"], configPath: "c.json")
        for interactive in [false, true] {
            #expect(policy.decide(account: Self.combine, risk: Self.risk, assumeYes: false, isInteractive: interactive) == .proceed)
            #expect(policy.decide(account: Self.live, risk: Self.risk, assumeYes: false, isInteractive: interactive) == .proceed)
        }
        #expect(policy.exemption(for: Self.combine, assumeYes: true) == .listedInConfiguration)
        // Not listed: the id of another account, a name that is only a prefix or differs in case.
        let near = ConfirmationPolicy(noConfirmAccounts: ["3", "50KTC-V2", "50ktc-v2-51342-19084532", " 2"], configPath: "c.json")
        #expect(near.exemption(for: Self.combine, assumeYes: false) == nil)
        if case .refuse = near.decide(account: Self.combine, risk: Self.risk, assumeYes: false, isInteractive: false) {} else {
            Issue.record("an account that is not listed must be refused without a terminal")
        }
    }

    @Test(arguments: ["yes", "y", " YES ", "Y", "Yes"])
    func anExplicitYesConfirms(answer: String) {
        #expect(ConfirmationPolicy.accepts(answer))
    }

    @Test(arguments: ["", "no", "n", "yess", "ye", "yes please", "oui"] as [String?] + [nil])
    func anythingElseDeclines(answer: String?) {
        #expect(!ConfirmationPolicy.accepts(answer))
    }
}
