import Foundation

/// Reads an account's state over REST: the account (`Account/search`), its working orders with
/// the Suspended bracket children (`Order/v2/query`; `Order/searchOpen` leaves those out), its
/// open positions (`Position/searchOpen`) and the fills of the trading day (`Trade/search`), the
/// four at once.
///
/// Each kind comes from one read, and the hub is live before the reads start, so a change that
/// one read misses arrives as an event (see ``AccountSyncMachine``). A working set larger than a
/// page is read page by page, which is only a snapshot if the set did not change meanwhile: an
/// order leaving it would shift the next page and hide an order that did not change. So the
/// pages are read again when the total moved while paging.
struct AccountSnapshotLoader: Sendable {
    let client: GatewayClient
    let accountId: Int
    /// Orders per `Order/v2/query` page (the gateway's maximum, 1000).
    var pageSize = 1000
    /// Attempts at a stable paged read before giving up.
    var pagingAttempts = 3

    /// The statuses of working orders.
    static let workingStatuses: [OrderStatus] = [.open, .pending, .suspended, .pendingCancellation]

    func load(fillsSince: Date) async throws -> AccountSnapshot {
        async let accounts = client.accounts(onlyActive: false)
        async let orders = workingOrders()
        async let positions = client.openPositions(accountId: accountId)
        async let fills = client.trades(accountId: accountId, from: fillsSince)
        let (accountList, orderList, positionList, fillList) = try await (accounts, orders, positions, fills)
        guard let account = accountList.first(where: { $0.id == accountId }) else {
            throw AccountMonitorError(.accountNotFound, "Account/search does not list account \(accountId) for this user; check the id with `Account/search`.")
        }
        return AccountSnapshot(
            accountId: accountId, account: account, orders: orderList.filter { $0.accountId == accountId && $0.status.isWorking },
            positions: positionList.filter { $0.accountId == accountId }, fills: fillList.filter { $0.accountId == accountId },
            fillsSince: fillsSince
        )
    }

    /// Every working order. More than one page is read twice (and again, up to
    /// ``pagingAttempts`` times) until two reads list the same orders.
    func workingOrders() async throws -> [Order] {
        var previous: Set<Int64>?
        for _ in 0..<max(2, pagingAttempts + 1) {
            let (orders, pages) = try await readPages()
            if pages <= 1 { return orders }
            let ids = Set(orders.map(\.id))
            if ids == previous { return orders }
            previous = ids
        }
        throw GatewayError.invalidResponse(
            endpoint: .queryOrders,
            detail: "the working orders of account \(accountId) kept changing while they were read page by page; try again"
        )
    }

    /// One read of every page, by id ascending.
    private func readPages() async throws -> (orders: [Order], pages: Int) {
        var orders: [Order] = []
        var pages = 0
        while true {
            let query = OrderQuery(
                filter: .init(accountId: accountId, statuses: Self.workingStatuses),
                pageSize: pageSize, pageOffset: orders.count, sortBy: .id, sortDirection: .ascending, includeTotalCount: true
            )
            let page = try await client.queryOrders(query)
            pages += 1
            orders += page.orders
            let reachedTotal = page.totalCount.map { orders.count >= $0 } ?? false
            if page.orders.count < pageSize || reachedTotal { return (orders, pages) }
        }
    }
}
