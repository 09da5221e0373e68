extension GatewayClient {
    private struct AccountOnly: Encodable, Sendable { var accountId: Int }
    private struct CloseContract: Encodable, Sendable { var accountId: Int; var contractId: String }
    private struct PartialClose: Encodable, Sendable { var accountId: Int; var contractId: String; var size: Int }

    /// `Position/searchOpen`.
    public func openPositions(accountId: Int) async throws -> [Position] {
        try await call(.searchOpenPositions, body: AccountOnly(accountId: accountId), payload: "positions") ?? []
    }

    /// `Position/closeContract` (a market order). Never retried after an ambiguous failure.
    public func closePosition(accountId: Int, contractId: String) async throws {
        try await callVoid(.closePosition, body: CloseContract(accountId: accountId, contractId: contractId))
    }

    /// `Position/partialCloseContract` (a market order for `size` contracts). Never retried after an
    /// ambiguous failure.
    public func partiallyClosePosition(accountId: Int, contractId: String, size: Int) async throws {
        try await callVoid(.partialClosePosition, body: PartialClose(accountId: accountId, contractId: contractId, size: size))
    }
}
