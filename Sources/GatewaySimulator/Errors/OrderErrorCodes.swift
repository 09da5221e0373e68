/// `Order/place` error codes.
public enum PlaceOrderErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound, orderRejected, insufficientFunds, accountViolation
    case outsideTradingHours, orderPending, unknownError, contractNotFound, contractNotActive, accountRejected
}

/// `Order/modify` error codes.
public enum ModifyOrderErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound, orderNotFound, rejected, pending, unknownError, accountRejected
    case contractNotFound
}

/// `Order/cancel` error codes.
public enum CancelOrderErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound, orderNotFound, rejected, pending, unknownError, accountRejected
}

/// Error codes of `Order/search`, `Order/searchOpen` and `Order/v2/query`; also
/// `Account`-scoped searches (`Position/searchOpen`, `Trade/search`).
public enum AccountSearchErrorCode: Int, Sendable, CaseIterable {
    case success = 0, accountNotFound
}

/// `Order/searchById` error codes.
public enum OrderByIdErrorCode: Int, Sendable, CaseIterable {
    case success = 0, orderNotFound
}
