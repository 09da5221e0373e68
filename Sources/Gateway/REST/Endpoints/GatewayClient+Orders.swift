import Foundation

extension GatewayClient {
    private struct AccountOrder: Encodable, Sendable { var accountId: Int; var orderId: Int64 }
    private struct AccountOnly: Encodable, Sendable { var accountId: Int }
    private struct OrderSearch: Encodable, Sendable { var accountId: Int; var startTimestamp: Date; var endTimestamp: Date? }

    /// `Order/place`. Never retried after an ambiguous failure: a timeout throws
    /// ``GatewayError/outcomeUnknown(endpoint:reason:)``; check open orders before placing again.
    ///
    /// - Returns: the new order's id.
    @discardableResult
    public func placeOrder(_ order: OrderRequest) async throws -> Int64 {
        guard let id: Int64 = try await call(.placeOrder, body: order, payload: "orderId") else {
            throw GatewayError.invalidResponse(endpoint: .placeOrder, detail: "the order was accepted but no orderId came back; check open orders")
        }
        return id
    }

    /// `Order/modify`.
    public func modifyOrder(_ modification: OrderModification) async throws {
        try await callVoid(.modifyOrder, body: modification)
    }

    /// `Order/cancel`.
    public func cancelOrder(accountId: Int, orderId: Int64) async throws {
        try await callVoid(.cancelOrder, body: AccountOrder(accountId: accountId, orderId: orderId))
    }

    /// `Order/search`: orders created in a time window.
    public func orders(accountId: Int, from start: Date, to end: Date? = nil) async throws -> [Order] {
        try await call(.searchOrders, body: OrderSearch(accountId: accountId, startTimestamp: start, endTimestamp: end), payload: "orders") ?? []
    }

    /// `Order/searchOpen`: working orders (bracket children waiting as Suspended are not included;
    /// use ``queryOrders(_:)`` with those statuses).
    public func openOrders(accountId: Int) async throws -> [Order] {
        try await call(.searchOpenOrders, body: AccountOnly(accountId: accountId), payload: "orders") ?? []
    }

    /// `Order/searchById`.
    public func order(accountId: Int, orderId: Int64) async throws -> Order {
        guard let order: Order = try await call(.searchOrderById, body: AccountOrder(accountId: accountId, orderId: orderId), payload: "order") else {
            throw GatewayError.rejected(endpoint: .searchOrderById, code: 1, message: "Order \(orderId) was not found.", orderId: nil)
        }
        return order
    }

    private struct OrderQueryResponse: Decodable, Sendable {
        var orders: [Order]?
        var totalCount: Int?
    }

    /// `Order/v2/query`: filtered, sorted and paged.
    public func queryOrders(_ query: OrderQuery) async throws -> OrderPage {
        let response: OrderQueryResponse? = try await call(.queryOrders, body: query, payload: GatewayClient.wholeBody)
        return OrderPage(orders: response?.orders ?? [], totalCount: response?.totalCount)
    }
}
