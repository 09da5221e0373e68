import Gateway

/// What is open on an account: working orders (Open, Pending, and Suspended bracket children,
/// which `Order/searchOpen` leaves out) and open positions.
struct FlattenSnapshot: Sendable, Equatable {
    /// The statuses of an order that can still fill.
    static let workingStatuses: [OrderStatus] = [.open, .pending, .suspended]

    var orders: [Order]
    var positions: [Position]

    var isFlat: Bool { orders.isEmpty && positions.isEmpty }

    /// What to remove, in order: Suspended bracket children first (cancelling an entry first
    /// would cancel its children with it, and their own cancels would then fail for nothing),
    /// then the other orders, so that none opens a position while positions close; then the
    /// positions.
    var items: [FlattenItem] {
        let suspendedFirst = orders.filter { $0.status == .suspended } + orders.filter { $0.status != .suspended }
        return suspendedFirst.map(FlattenItem.order) + positions.map(FlattenItem.position)
    }

    /// "2 orders, 1 position".
    var counts: String {
        "\(orders.count) order\(orders.count == 1 ? "" : "s"), \(positions.count) position\(positions.count == 1 ? "" : "s")"
    }

    /// Reads the account's working orders (`Order/v2/query`, every page) and open positions.
    static func read(accountId: Int, client: GatewayClient) async throws -> FlattenSnapshot {
        let pageSize = 100
        var orders: [Order] = []
        // Bounded: 50 pages are 5,000 working orders, far more than any account holds.
        for page in 0..<50 {
            let query = OrderQuery(
                filter: OrderQuery.Filter(accountId: accountId, statuses: workingStatuses),
                pageSize: pageSize, pageOffset: page * pageSize, sortBy: .id, sortDirection: .ascending
            )
            let result = try await client.queryOrders(query)
            orders += result.orders
            if result.orders.count < pageSize || result.totalCount.map({ orders.count >= $0 }) == true { break }
        }
        let positions = try await client.openPositions(accountId: accountId)
        return FlattenSnapshot(orders: orders, positions: positions.filter { $0.size > 0 })
    }
}
