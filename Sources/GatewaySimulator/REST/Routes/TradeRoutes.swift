import Hummingbird

extension GatewayAPI {
    /// `Trade/search` (`startTimestamp` may be missing).
    func registerTrades(on router: Router<Context>) {
        router.post("/api/Trade/search", use: authenticated(TimeWindowRequest.self) { session, body in
            let result = await core.exchange.trades(
                accountId: body.accountId, from: body.startTimestamp, to: body.endTimestamp, by: session.userName
            )
            switch result {
            case .failure(let failure): return WireResponse.failure(failure, payloadKey: "trades", payload: [TradeWire]?.none)
            case .success(let trades): return WireResponse.ok("trades", trades.map(TradeWire.init))
            }
        })
    }
}
