import Foundation

extension GatewayClient {
    private struct AccountOrder: Encodable, Sendable { var accountId: Int; var orderId: Int64 }
    private struct AccountOnly: Encodable, Sendable { var accountId: Int }
    private struct OrderSearch: Encodable, Sendable { var accountId: Int; var startTimestamp: Date; var endTimestamp: Date? }

    /// `Order/place`, with a `customTag` on every order: the request's own, or one generated from
    /// ``GatewayConfiguration/orderTagPrefix`` (see ``OrderTag``).
    ///
    /// Never sent twice. When the response is lost (a timeout, a reset connection, an unreadable or
    /// incomplete HTTP 200, an HTTP 5xx) the order is looked up by its tag (`Order/search` over a
    /// window around the send time), and the real outcome is returned:
    /// - placed: a ``PlacedOrder`` whose ``PlacedOrder/confirmation`` is
    ///   ``WriteConfirmation/readBack(failure:finding:)`` and whose ``PlacedOrder/order`` is the
    ///   order found, with its status;
    /// - not placed: ``GatewayError/notExecuted(endpoint:reason:finding:)``; nothing was executed
    ///   and it is safe to place the order again;
    /// - unknown, only when the look-up failed too: ``GatewayError/outcomeUnknown(endpoint:reason:)``.
    ///
    /// ```swift
    /// do {
    ///     let placed = try await client.placeOrder(.limit(accountId: 12, contractId: "CON.F.US.MES.Z26", side: .buy, size: 1, price: 5000))
    ///     print("order \(placed.id), tag \(placed.customTag)")
    /// } catch GatewayError.notExecuted {
    ///     // the response was lost, and no order carries the tag: safe to try again
    /// } catch GatewayError.outcomeUnknown {
    ///     // reconcile by hand before placing again
    /// }
    /// ```
    @discardableResult
    public func placeOrder(_ order: OrderRequest) async throws -> PlacedOrder {
        var request = order
        let given = order.customTag.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        let tag = given ?? OrderTag.generate(prefix: configuration.orderTagPrefix)
        request.customTag = tag
        let sentAt = Date()
        let failure: String
        do {
            guard let id: Int64 = try await call(.placeOrder, body: request, payload: "orderId") else {
                throw GatewayError.outcomeUnknown(endpoint: .placeOrder, reason: "the gateway answered success without an orderId")
            }
            return PlacedOrder(id: id, customTag: tag)
        } catch GatewayError.outcomeUnknown(_, let reason) {
            failure = reason
        }
        let (finding, found) = try await reconcile(.place(request, tag: tag, sentAt: sentAt), failure: failure)
        guard let found else {
            throw GatewayError.outcomeUnknown(endpoint: .placeOrder, reason: "\(failure); \(finding), but no order came with it")
        }
        return PlacedOrder(id: found.id, customTag: tag, confirmation: .readBack(failure: failure, finding: finding), order: found)
    }

    /// `Order/modify`. Never sent twice: when the response is lost, the order is read back and
    /// its size and prices compared with the change (a change of trail price alone cannot be
    /// verified that way and stays unknown).
    ///
    /// - Returns: how the change is known to be executed.
    /// - Throws: ``GatewayError/notExecuted(endpoint:reason:finding:)`` or
    ///   ``GatewayError/outcomeUnknown(endpoint:reason:)`` after a lost response; see ``placeOrder(_:)``.
    @discardableResult
    public func modifyOrder(_ modification: OrderModification) async throws -> WriteConfirmation {
        try await confirm(.modify(modification)) {
            try await callVoid(.modifyOrder, body: modification)
        }
    }

    /// `Order/cancel`. Never sent twice: when the response is lost, the order is read back
    /// (cancelled, or still working?).
    ///
    /// - Returns: how the cancellation is known to be executed.
    /// - Throws: ``GatewayError/notExecuted(endpoint:reason:finding:)`` or
    ///   ``GatewayError/outcomeUnknown(endpoint:reason:)`` after a lost response; see ``placeOrder(_:)``.
    @discardableResult
    public func cancelOrder(accountId: Int, orderId: Int64) async throws -> WriteConfirmation {
        try await confirm(.cancel(accountId: accountId, orderId: orderId)) {
            try await callVoid(.cancelOrder, body: AccountOrder(accountId: accountId, orderId: orderId))
        }
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
