import Foundation
import Gateway
import MarketData

/// Prints the trades printed on contracts (the market's tape, not the account's fills): one line
/// per trade with the gateway's time (in the display zone), the contract, the aggressor side, the size and the
/// price. `--json` gets one ``StreamRecord`` of type `trade` per trade.
///
/// ```
/// TIME (CST)    CONTRACT  SIDE  SIZE        PRICE
/// 14:30:01.123  MESZ6     buy      2      5000.25
/// ```
struct TradeRenderer: StreamRenderer {
    let output: Output
    private let contracts: [String: Contract]
    private let nameWidth: Int
    private var headerPrinted = false
    private let times: TimeDisplay

    init(output: Output, contracts: [Contract], times: TimeDisplay = .utc) {
        self.output = output
        self.times = times
        self.contracts = Dictionary(contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        nameWidth = max(8, contracts.map(\.name.count).max() ?? 0)
    }

    mutating func render(_ event: MarketEvent, limit: Int) throws -> Int {
        guard case .trades(let contractId, let trades) = event, let contract = contracts[contractId] else { return 0 }
        let shown = trades.prefix(max(0, limit))
        if output.json {
            try output.jsonLines(shown.map { trade in
                var record = StreamRecord.market("trade", contract: contract)
                record.trade = trade
                return record
            })
        } else if !shown.isEmpty {
            if !headerPrinted {
                headerPrinted = true
                output.text(QuoteRenderer.timeHeading(times) + "CONTRACT".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  SIDE  SIZE        PRICE")
            }
            let decimals = QuoteRenderer.decimals(of: contract)
            output.text(shown.map { Self.line($0, name: contract.name, decimals: decimals, nameWidth: nameWidth, times: times) }.joined(separator: "\n"))
        }
        return shown.count
    }

    /// One human line for a trade.
    static func line(_ trade: MarketTrade, name: String, decimals: Int, nameWidth: Int, times: TimeDisplay = .utc, now: Date = Date()) -> String {
        let side: String
        switch trade.type {
        case .buy: side = "buy "
        case .sell: side = "sell"
        case .unrecognized(let value): side = "?\(value)"
        case nil: side = "-"
        }
        return times.timeOfDay(trade.timestampDate ?? now) + "  " + name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + "  " + side.padding(toLength: 4, withPad: " ", startingAt: 0)
            + QuoteRenderer.pad(trade.volume.map(String.init) ?? "-", 6)
            + QuoteRenderer.pad(Formatting.price(trade.price, decimals: decimals), 13)
    }
}
