import Hummingbird

extension GatewayAPI {
    /// `Position/searchOpen`, `Position/closeContract`, `Position/partialCloseContract`.
    func registerPositions(on router: Router<Context>) {
        router.post("/api/Position/searchOpen", use: authenticated(AccountOnlyRequest.self) { session, body in
            switch await core.exchange.openPositions(accountId: body.accountId, by: session.userName) {
            case .failure(let failure): return WireResponse.failure(failure, payloadKey: "positions", payload: [PositionWire]?.none)
            case .success(let positions): return WireResponse.ok("positions", positions.map(PositionWire.init))
            }
        })
        router.post("/api/Position/closeContract", use: authenticatedWrite(.close, ClosePositionRequest.self) { session, body in
            switch await core.exchange.closePosition(accountId: body.accountId, contractId: body.contractId, by: session.userName) {
            case .failure(let failure): return WireResponse.failure(failure)
            case .success: return WireResponse.ok()
            }
        })
        router.post("/api/Position/partialCloseContract", use: authenticatedWrite(.close, ClosePositionRequest.self) { session, body in
            let result = await core.exchange.partiallyClosePosition(
                accountId: body.accountId, contractId: body.contractId, size: body.size, by: session.userName
            )
            switch result {
            case .failure(let failure): return WireResponse.failure(failure)
            case .success: return WireResponse.ok()
            }
        })
    }
}
