import Foundation
import Gateway
import GatewaySimulator
import MarketData

/// The demo's story, step by step, on one ``CommandContext`` pointed at an in-process simulator.
/// Each step runs the program's own command (and shows its command line), then says in plain
/// words what happened, with measured times. See ``DemoCommand``.
struct DemoScript: Sendable {
    static let steps = 8

    let context: CommandContext
    let simulator: GatewaySimulator
    let narrator: DemoNarrator
    /// When the demo started (before the simulator).
    let started: ContinuousClock.Instant
    let fast: Bool
    /// The product the demo trades.
    let symbol = "MES"
    var report = DemoReport()

    init(context: CommandContext, simulator: GatewaySimulator, narrator: DemoNarrator, started: ContinuousClock.Instant, fast: Bool) {
        self.context = context
        self.simulator = simulator
        self.narrator = narrator
        self.started = started
        self.fast = fast
    }

    /// Quote events only.
    static let isQuote: @Sendable (MarketEvent) -> Bool = { event in
        if case .quote = event { return true }
        return false
    }

    mutating func run() async throws {
        try await logIn()
        let account = try await chooseAccount()
        let contract = try await resolveContract()
        let market = try await context.realtime.marketHub()
        let recorder = EventRecorder(market.events())
        defer { recorder.stop() }
        try await streamQuotes(recorder: recorder)
        try await drawDepth()
        try await trade(on: account, contract: contract)
        try await expireTokens(recorder: recorder)
        report.quotes = recorder.all.filter { Self.isQuote($0.event) }.count
        let statistics = await context.client.tokens.statistics
        report.logins = statistics.logins
        report.rejectedTokens = statistics.rejectionsReported
        summarize()
    }

    // MARK: Steps 1-5

    private func logIn() async throws {
        narrator.step(1, "Log in")
        narrator.say(
            "The program logs in with a user name and an API key (Auth/loginKey) and receives a session token: a JWT that every "
                + "REST call and both realtime hubs share. It is never printed; only its expiry is."
        )
        narrator.command("login")
        try await LoginCommand.parse([]).execute(in: context)
        try await narrator.pause()
    }

    private func chooseAccount() async throws -> Account {
        narrator.step(2, "Your accounts")
        narrator.say("Account/search lists the accounts. Commands that trade always name their account; a default account (PROJECTX_ACCOUNT) serves only the commands that read.")
        narrator.command("accounts")
        try await AccountsCommand.parse([]).execute(in: context)
        let accounts = try await context.client.accounts()
        guard let account = accounts.first(where: { $0.simulated && $0.canTrade }) else {
            throw CLIError("The simulator listed no simulated account that can trade; the demo cannot place its paper order.", status: .software)
        }
        narrator.result("The demo trades on \(account.name) (\(account.id)): a simulated account, paper money.")
        try await narrator.pause()
        return account
    }

    private func resolveContract() async throws -> Contract {
        narrator.step(3, "Resolve a contract")
        narrator.say(
            "People type symbols; the gateway wants contract ids. \(symbol) (Micro E-mini S&P 500) resolves to its front month "
                + "through Contract/search; the id is what the hubs and orders use."
        )
        narrator.command("contracts show \(symbol)")
        try await ContractsShowCommand.parse([symbol]).execute(in: context)
        let contract = try await context.contract(symbol)
        try await narrator.pause()
        return contract
    }

    private mutating func streamQuotes(recorder: EventRecorder<MarketEvent>) async throws {
        narrator.step(4, "Live quotes")
        narrator.say(
            "The market hub is a SignalR connection over a WebSocket, opened with the same token. The program subscribes to the "
                + "contract's quotes; each line merges an update into the last quote (the gateway may send only what changed)."
        )
        let count = fast ? 3 : 8
        narrator.command("quote \(symbol) --count \(count)")
        try await QuoteCommand.parse([symbol, "--count", String(count)]).execute(in: context)
        if let first = recorder.all.first(where: { Self.isQuote($0.event) }) {
            let elapsed = first.instant - started
            let paused = narrator.paused.value
            report.firstQuote = elapsed
            report.firstQuoteWorking = elapsed - paused
            narrator.result(
                "First quote \(Formatting.elapsed(elapsed)) after the demo started"
                    + (paused > .zero ? ", \(Formatting.elapsed(elapsed - paused)) without the pauses for reading" : "")
                    + " (simulator start, login, contract look-ups, hub connection and subscription included)."
            )
        } else {
            narrator.warning("No quote arrived.")
        }
        try await narrator.pause()
    }

    private mutating func drawDepth() async throws {
        narrator.step(5, "Depth of market")
        narrator.say(
            "Depth events build an order book: asks above, bids below, the contracts waiting at each price, and the spread. "
                + (context.output.isTerminal
                    ? "On a terminal the ladder is redrawn in place as the book changes."
                    : "Without a terminal each update prints a snapshot; here, one.")
        )
        let count = context.output.isTerminal ? (fast ? 4 : 12) : 1
        narrator.command("depth \(symbol) --levels 5 --count \(count)")
        report.depthUpdates = count
        try await DepthCommand.parse([symbol, "--levels", "5", "--count", String(count)]).execute(in: context)
        try await narrator.pause()
    }
}
