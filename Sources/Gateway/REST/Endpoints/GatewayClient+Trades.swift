import Foundation

extension GatewayClient {
    private struct TradeSearch: Encodable, Sendable { var accountId: Int; var startTimestamp: Date; var endTimestamp: Date? }

    /// `Trade/search`: fills in a time window, one row per fill (half-turn).
    public func trades(accountId: Int, from start: Date, to end: Date? = nil) async throws -> [Trade] {
        try await call(.searchTrades, body: TradeSearch(accountId: accountId, startTimestamp: start, endTimestamp: end), payload: "trades") ?? []
    }
}
