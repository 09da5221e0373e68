import Foundation

/// A paged, filtered order query (`Order/v2/query`).
public struct OrderQuery: Codable, Sendable, Hashable {
    public struct Filter: Codable, Sendable, Hashable {
        public var accountId: Int
        public var statuses: [OrderStatus]?
        public var contractId: String?
        public var createdAfter: Date?
        public var createdBefore: Date?

        public init(accountId: Int, statuses: [OrderStatus]? = nil, contractId: String? = nil, createdAfter: Date? = nil, createdBefore: Date? = nil) {
            self.accountId = accountId
            self.statuses = statuses
            self.contractId = contractId
            self.createdAfter = createdAfter
            self.createdBefore = createdBefore
        }
    }

    public enum SortField: Int, Codable, Sendable { case createdAt = 0, id = 1 }
    public enum SortDirection: Int, Codable, Sendable { case ascending = 0, descending = 1 }

    public var filter: Filter
    public var pageSize: Int
    public var pageOffset: Int
    public var sortBy: SortField
    public var sortDirection: SortDirection
    public var includeTotalCount: Bool

    public init(filter: Filter, pageSize: Int = 100, pageOffset: Int = 0, sortBy: SortField = .createdAt, sortDirection: SortDirection = .descending, includeTotalCount: Bool = true) {
        self.filter = filter
        self.pageSize = pageSize
        self.pageOffset = pageOffset
        self.sortBy = sortBy
        self.sortDirection = sortDirection
        self.includeTotalCount = includeTotalCount
    }
}

/// One page of an ``OrderQuery``.
public struct OrderPage: Sendable, Hashable {
    public var orders: [Order]
    public var totalCount: Int?
}
