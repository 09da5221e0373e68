extension GatewayClient {
    private struct AccountSearch: Encodable, Sendable { var onlyActiveAccounts: Bool }

    /// `Account/search`: the user's accounts (active ones only by default).
    public func accounts(onlyActive: Bool = true) async throws -> [Account] {
        try await call(.accountSearch, body: AccountSearch(onlyActiveAccounts: onlyActive), payload: "accounts") ?? []
    }
}
