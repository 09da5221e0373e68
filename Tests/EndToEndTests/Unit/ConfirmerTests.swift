import Gateway
import NIOConcurrencyHelpers
import Testing
@testable import TradingBot

@Suite("Confirmation before acting on accounts that are not simulated")
struct ConfirmerTests {
    static let simulated = Account(id: 1, name: "PRAC-1", balance: 50_000, canTrade: true, isVisible: true, simulated: true)
    static let live = Account(id: 2, name: "LIVE-2", balance: 25_000, canTrade: true, isVisible: true, simulated: false)

    /// A confirmer that records its prompts and answers `answer`.
    final class Script: Sendable {
        let prompts = NIOLockedValueBox<[String]>([])
        let interactive: Bool
        let answer: String?

        init(interactive: Bool, answer: String?) {
            self.interactive = interactive
            self.answer = answer
        }

        var confirmer: Confirmer {
            Confirmer(isInteractive: { self.interactive }, ask: { prompt in
                self.prompts.withLockedValue { $0.append(prompt) }
                return self.answer
            })
        }
    }

    @Test func simulatedAccountsNeverAsk() throws {
        let script = Script(interactive: true, answer: "no")
        try script.confirmer.confirm("place a market buy", on: Self.simulated, assumeYes: false)
        #expect(script.prompts.withLockedValue { $0 }.isEmpty)
    }

    @Test func yesSkipsTheQuestion() throws {
        let script = Script(interactive: false, answer: nil)
        try script.confirmer.confirm("place a market buy", on: Self.live, assumeYes: true)
        #expect(script.prompts.withLockedValue { $0 }.isEmpty)
    }

    @Test func withoutATerminalItRefuses() {
        let script = Script(interactive: false, answer: "yes")
        let error = #expect(throws: CLIError.self) { try script.confirmer.confirm("place a market buy", on: Self.live, assumeYes: false) }
        #expect(error?.status == .usage)
        #expect(error?.message.contains("--yes") == true)
        #expect(error?.message.contains("LIVE-2") == true)
        #expect(script.prompts.withLockedValue { $0 }.isEmpty)
    }

    @Test(arguments: ["yes", "y", " YES "])
    func anExplicitYesConfirms(answer: String) throws {
        let script = Script(interactive: true, answer: answer)
        try script.confirmer.confirm("place a market buy", on: Self.live, assumeYes: false)
        let prompts = script.prompts.withLockedValue { $0 }
        #expect(prompts.count == 1)
        #expect(prompts.first?.contains("NOT simulated") == true)
        #expect(prompts.first?.contains("Place a market buy?") == true)
    }

    @Test(arguments: ["", "no", "yess"] as [String?] + [nil])
    func anythingElseDeclines(answer: String?) {
        let script = Script(interactive: true, answer: answer)
        let error = #expect(throws: CLIError.self) { try script.confirmer.confirm("place a market buy", on: Self.live, assumeYes: false) }
        #expect(error == CLIError.declined)
        #expect(error?.status == .failure)
    }
}
