import Foundation
import Gateway
import MarketData

/// Prints quotes, each merged with the earlier updates of its contract (``QuoteState``): the
/// gateway may send only the fields that changed.
///
/// People get a header, then one aligned line per update: the gateway's time of the update (UTC),
/// the contract, last, bid, ask and the change since the previous close, with the contract's tick
/// precision (when stdout is not a terminal; a terminal gets the ``QuoteBoardRenderer``). `--json`
/// gets one ``StreamRecord`` of type `quote` per update.
///
/// ```
/// TIME (UTC)    CONTRACT         LAST          BID          ASK  CHANGE
/// 14:30:01.123  MESZ6         5000.25      5000.00      5000.25  +12.50 (+0.25%)
/// ```
struct QuoteRenderer: StreamRenderer {
    let output: Output
    private let contracts: [String: Contract]
    private let nameWidth: Int
    private var states: [String: QuoteState] = [:]
    private var headerPrinted = false

    init(output: Output, contracts: [Contract]) {
        self.output = output
        self.contracts = Dictionary(contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        nameWidth = max(8, contracts.map(\.name.count).max() ?? 0)
    }

    /// The merged quote of a contract so far.
    func state(of contractId: String) -> QuoteState? { states[contractId] }

    mutating func render(_ event: MarketEvent, limit: Int) throws -> Int {
        guard limit > 0, case .quote(let contractId, let update) = event, let contract = contracts[contractId] else { return 0 }
        var state = states[contractId] ?? QuoteState()
        state.apply(update)
        states[contractId] = state
        if output.json {
            var record = StreamRecord.market("quote", contract: contract)
            record.quote = state.quote
            try output.jsonLine(record)
        } else {
            if !headerPrinted {
                headerPrinted = true
                output.text(Self.header(nameWidth: nameWidth))
            }
            output.text(Self.line(state: state, name: contract.name, decimals: Self.decimals(of: contract), nameWidth: nameWidth))
        }
        return 1
    }

    /// The decimals of a contract's prices (its tick size's).
    static func decimals(of contract: Contract) -> Int {
        contract.tickGrid?.decimals ?? 2
    }

    static func header(nameWidth: Int) -> String {
        "TIME (UTC)    " + "CONTRACT".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + pad("LAST", 11) + pad("BID", 13) + pad("ASK", 13) + "  CHANGE"
    }

    /// One human line for a merged quote.
    static func line(state: QuoteState, name: String, decimals: Int, nameWidth: Int, now: Date = Date()) -> String {
        let quote = state.quote
        var change = Formatting.signed(quote.change, decimals: decimals)
        if let percent = quote.changePercent, !percent.isNaN {
            change += " (\(Formatting.signed(percent, decimals: 2))%)"
        }
        return Formatting.timeOfDay(state.lastUpdate ?? now) + "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + pad(Formatting.price(quote.lastPrice, decimals: decimals), 11)
            + pad(Formatting.price(quote.bestBid, decimals: decimals), 13)
            + pad(Formatting.price(quote.bestAsk, decimals: decimals), 13)
            + "  " + change
    }

    /// `text` right-aligned in `width` columns.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
