import Foundation

/// `Order/place` in domain terms. Enum fields stay raw integers: validating them is the
/// exchange's job (errorCode 2), as on the gateway.
public struct PlaceOrderCommand: Sendable {
    public var accountId: Int
    public var contractId: String
    public var type: Int
    public var side: Int
    public var size: Int
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    /// Absolute price level for TrailingStop; the distance is `|last - trailPrice|`.
    public var trailPrice: Decimal?
    public var customTag: String?
    public var stopLossBracket: BracketSpec?
    public var takeProfitBracket: BracketSpec?

    /// Creates a command.
    public init(
        accountId: Int, contractId: String, type: Int, side: Int, size: Int, limitPrice: Decimal? = nil,
        stopPrice: Decimal? = nil, trailPrice: Decimal? = nil, customTag: String? = nil,
        stopLossBracket: BracketSpec? = nil, takeProfitBracket: BracketSpec? = nil
    ) {
        self.accountId = accountId
        self.contractId = contractId
        self.type = type
        self.side = side
        self.size = size
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trailPrice = trailPrice
        self.customTag = customTag
        self.stopLossBracket = stopLossBracket
        self.takeProfitBracket = takeProfitBracket
    }
}

/// The result of `Order/place`: a rejected bracket order still has an id.
public struct PlaceOrderOutcome: Sendable {
    public var orderId: Int64?
    public var failure: GatewayFailure<PlaceOrderErrorCode>?
}

/// `Order/modify` in domain terms; nil fields are left unchanged.
public struct ModifyOrderCommand: Sendable {
    public var accountId: Int
    public var orderId: Int64
    public var size: Int?
    public var limitPrice: Decimal?
    public var stopPrice: Decimal?
    public var trailPrice: Decimal?

    /// Creates a command.
    public init(accountId: Int, orderId: Int64, size: Int? = nil, limitPrice: Decimal? = nil, stopPrice: Decimal? = nil, trailPrice: Decimal? = nil) {
        self.accountId = accountId
        self.orderId = orderId
        self.size = size
        self.limitPrice = limitPrice
        self.stopPrice = stopPrice
        self.trailPrice = trailPrice
    }
}

/// `Order/v2/query` in domain terms (already validated by the REST layer).
public struct SimOrderQuery: Sendable {
    public enum SortField: Int, Sendable { case createdAt = 0, id = 1 }
    public enum SortDirection: Int, Sendable { case ascending = 0, descending = 1 }

    public var accountId: Int
    public var statuses: [SimOrderStatus]?
    public var contractId: String?
    public var createdAfter: Date?
    public var createdBefore: Date?
    public var pageSize: Int
    public var pageOffset: Int
    public var sortBy: SortField
    public var sortDirection: SortDirection

    /// Creates a query.
    public init(
        accountId: Int, statuses: [SimOrderStatus]? = nil, contractId: String? = nil, createdAfter: Date? = nil,
        createdBefore: Date? = nil, pageSize: Int = 100, pageOffset: Int = 0, sortBy: SortField = .createdAt,
        sortDirection: SortDirection = .descending
    ) {
        self.accountId = accountId
        self.statuses = statuses
        self.contractId = contractId
        self.createdAfter = createdAfter
        self.createdBefore = createdBefore
        self.pageSize = pageSize
        self.pageOffset = pageOffset
        self.sortBy = sortBy
        self.sortDirection = sortDirection
    }
}
