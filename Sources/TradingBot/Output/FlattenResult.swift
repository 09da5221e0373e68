import Gateway

/// The last JSON line of `flatten`: whether the account ended flat, after how many rounds, and
/// what is still open (the gateway's own order and position objects).
///
/// ```json
/// {"accountId":8101001,"action":"flatten","flat":true,"openOrders":[],"openPositions":[],"rounds":1}
/// ```
struct FlattenResult: Encodable, Sendable {
    let action = "flatten"
    var accountId: Int
    var flat: Bool
    var rounds: Int
    var openOrders: [Order]
    var openPositions: [Position]

    init(accountId: Int, outcome: Flattener.Outcome) {
        self.accountId = accountId
        flat = outcome.isFlat
        rounds = outcome.rounds
        openOrders = outcome.remaining.orders
        openPositions = outcome.remaining.positions
    }

    private enum CodingKeys: String, CodingKey { case action, accountId, flat, rounds, openOrders, openPositions }
}
