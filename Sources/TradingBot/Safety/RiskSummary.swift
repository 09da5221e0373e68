/// What a write puts at risk, for the confirmation prompt: the action on one line, then one fact
/// per line (sizes, prices, bracket distances in ticks and in dollars, the orders or positions
/// concerned).
///
/// ```swift
/// RiskSummary(action: "place a market buy of 2 MESZ6", details: ["stop loss 8 ticks = $20.00 (8 x $1.25 x 2)"])
/// ```
struct RiskSummary: Sendable, Equatable {
    /// A phrase starting with the verb: "place a market buy of 2 MESZ6", "cancel order 7100000001".
    var action: String
    /// The facts shown under the action in the prompt (not in the one-line refusal).
    var details: [String]

    init(action: String, details: [String] = []) {
        self.action = action
        self.details = details
    }
}
