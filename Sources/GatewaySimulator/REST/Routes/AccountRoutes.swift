import Hummingbird

extension GatewayAPI {
    /// `Account/search`.
    func registerAccounts(on router: Router<Context>) {
        router.post("/api/Account/search", use: authenticated(AccountSearchRequest.self) { session, body in
            let accounts = await core.exchange.accounts(of: session.userName, onlyActive: body.onlyActiveAccounts)
            return WireResponse.ok("accounts", accounts.map(AccountWire.init))
        })
    }
}
