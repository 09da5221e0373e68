import Foundation

extension Exchange {
    private typealias SearchResult<T> = Result<T, GatewayFailure<AccountSearchErrorCode>>

    private func owned(_ accountId: Int, _ userName: String) -> SimAccount? {
        account(accountId, ownedBy: userName)
    }

    private static var accountNotFound: GatewayFailure<AccountSearchErrorCode> {
        GatewayFailure(.accountNotFound, "Account not found.")
    }

    /// `Order/search`: orders created in `[start, end]` (end open when nil), oldest first.
    public func orders(accountId: Int, from start: Date, to end: Date?, by userName: String) -> Result<[SimOrder], GatewayFailure<AccountSearchErrorCode>> {
        guard owned(accountId, userName) != nil else { return .failure(Exchange.accountNotFound) }
        let list = (ordersByAccount[accountId] ?? []).compactMap { orders[$0] }.filter { order in
            order.creationTimestamp >= start && (end.map { order.creationTimestamp <= $0 } ?? true)
        }
        return .success(list)
    }

    /// `Order/searchOpen`: Open orders, without Suspended bracket children (use v2/query with
    /// statuses [Open, Suspended] for those).
    public func openOrders(accountId: Int, by userName: String) -> Result<[SimOrder], GatewayFailure<AccountSearchErrorCode>> {
        guard owned(accountId, userName) != nil else { return .failure(Exchange.accountNotFound) }
        return .success((ordersByAccount[accountId] ?? []).compactMap { orders[$0] }.filter { $0.status == .open || $0.status == .pending })
    }

    /// `Order/searchById`.
    public func order(id: Int64, accountId: Int, by userName: String) -> Result<SimOrder, GatewayFailure<OrderByIdErrorCode>> {
        guard owned(accountId, userName) != nil, let order = orders[id], order.accountId == accountId else {
            return .failure(GatewayFailure(.orderNotFound, "Order not found."))
        }
        return .success(order)
    }

    /// `Order/v2/query`: filtered, sorted, paged; also returns the total before paging.
    public func query(_ query: SimOrderQuery, by userName: String) -> Result<(orders: [SimOrder], total: Int), GatewayFailure<AccountSearchErrorCode>> {
        guard owned(query.accountId, userName) != nil else { return .failure(Exchange.accountNotFound) }
        var list = (ordersByAccount[query.accountId] ?? []).compactMap { orders[$0] }.filter { order in
            if let statuses = query.statuses, !statuses.isEmpty, !statuses.contains(order.status) { return false }
            if let contractId = query.contractId, order.contractId.caseInsensitiveCompare(contractId) != .orderedSame { return false }
            if let after = query.createdAfter, order.creationTimestamp < after { return false }
            if let before = query.createdBefore, order.creationTimestamp > before { return false }
            return true
        }
        list.sort { a, b in
            let ascending: Bool
            switch query.sortBy {
            case .id: ascending = a.id < b.id
            case .createdAt: ascending = (a.creationTimestamp, a.id) < (b.creationTimestamp, b.id)
            }
            return query.sortDirection == .ascending ? ascending : !ascending
        }
        let total = list.count
        let page = Array(list.dropFirst(query.pageOffset).prefix(query.pageSize))
        return .success((page, total))
    }

    /// `Position/searchOpen`.
    public func openPositions(accountId: Int, by userName: String) -> Result<[SimPosition], GatewayFailure<AccountSearchErrorCode>> {
        guard owned(accountId, userName) != nil else { return .failure(Exchange.accountNotFound) }
        return .success((positions[accountId] ?? [:]).values.sorted { $0.id < $1.id })
    }

    /// `Trade/search`: fills in `[start, end]`, both optional, oldest first.
    public func trades(accountId: Int, from start: Date?, to end: Date?, by userName: String) -> Result<[SimTrade], GatewayFailure<AccountSearchErrorCode>> {
        guard owned(accountId, userName) != nil else { return .failure(Exchange.accountNotFound) }
        return .success((trades[accountId] ?? []).filter { trade in
            (start.map { trade.creationTimestamp >= $0 } ?? true) && (end.map { trade.creationTimestamp <= $0 } ?? true)
        })
    }
}
