import Foundation

extension GatewayClient {
    private struct AccountOnly: Encodable, Sendable { var accountId: Int }
    private struct CloseContract: Encodable, Sendable { var accountId: Int; var contractId: String }
    private struct PartialClose: Encodable, Sendable { var accountId: Int; var contractId: String; var size: Int }

    /// `Position/searchOpen`.
    public func openPositions(accountId: Int) async throws -> [Position] {
        try await call(.searchOpenPositions, body: AccountOnly(accountId: accountId), payload: "positions") ?? []
    }

    /// `Position/closeContract` (a market order).
    ///
    /// The position is read first (`Position/searchOpen`), so that when the response is lost the
    /// position read back afterwards tells whether the close was executed. Never sent twice.
    ///
    /// ```swift
    /// let confirmation = try await client.closePosition(accountId: 12, contractId: "CON.F.US.MES.Z26")
    /// ```
    ///
    /// - Returns: how the close is known to be executed.
    /// - Throws: ``GatewayError/notExecuted(endpoint:reason:finding:)`` or
    ///   ``GatewayError/outcomeUnknown(endpoint:reason:)`` after a lost response; see
    ///   ``placeOrder(_:)``.
    @discardableResult
    public func closePosition(accountId: Int, contractId: String) async throws -> WriteConfirmation {
        let before = try await position(accountId: accountId, contractId: contractId)
        return try await confirm(.close(accountId: accountId, contractId: contractId, size: nil, before: before)) {
            try await callVoid(.closePosition, body: CloseContract(accountId: accountId, contractId: contractId))
        }
    }

    /// `Position/partialCloseContract` (a market order for `size` contracts). Like
    /// ``closePosition(accountId:contractId:)``, the position is read first and read back after a
    /// lost response (did it shrink by `size`?). Never sent twice.
    @discardableResult
    public func partiallyClosePosition(accountId: Int, contractId: String, size: Int) async throws -> WriteConfirmation {
        let before = try await position(accountId: accountId, contractId: contractId)
        return try await confirm(.close(accountId: accountId, contractId: contractId, size: size, before: before)) {
            try await callVoid(.partialClosePosition, body: PartialClose(accountId: accountId, contractId: contractId, size: size))
        }
    }

    /// The open position in `contractId`, if any.
    private func position(accountId: Int, contractId: String) async throws -> Position? {
        try await openPositions(accountId: accountId).first {
            $0.contractId.caseInsensitiveCompare(contractId) == .orderedSame && $0.size != 0
        }
    }
}
