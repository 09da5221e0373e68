/// A REST endpoint of the gateway, with what the client needs to know to call it safely.
public struct GatewayEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The path under the API root, such as `/api/Order/place`.
    public let path: String
    /// Whether the call only reads. Reads are retried after a 429; writes never are after an
    /// ambiguous failure, since the gateway has no idempotency key.
    public let isRead: Bool
    /// The meaning of each `errorCode` this endpoint returns (the numbers differ per endpoint).
    public let errorCodes: [Int: String]
    let rateLimitBucket: RateLimiter.Bucket

    public var description: String { String(path.dropFirst("/api/".count)) }

    /// The meaning of `code` on this endpoint.
    public func meaning(of code: Int) -> String {
        errorCodes[code] ?? "Unknown error code \(code)"
    }

    private init(_ path: String, read: Bool, codes: [Int: String], bucket: RateLimiter.Bucket = .general) {
        self.path = path
        self.isRead = read
        self.errorCodes = codes
        self.rateLimitBucket = bucket
    }

    private static let successOnly = [0: "Success"]
    private static let accountCodes = [0: "Success", 1: "AccountNotFound"]

    public static let loginKey = GatewayEndpoint("/api/Auth/loginKey", read: true, codes: [
        0: "Success", 1: "UserNotFound", 2: "PasswordVerificationFailed", 3: "InvalidCredentials", 4: "AppNotFound",
        5: "AppVerificationFailed", 6: "InvalidDevice", 7: "AgreementsNotSigned", 8: "UnknownError",
        9: "ApiSubscriptionNotFound", 10: "ApiKeyAuthenticationDisabled",
    ])
    public static let validate = GatewayEndpoint("/api/Auth/validate", read: true, codes: [
        0: "Success", 1: "InvalidSession", 2: "SessionNotFound", 3: "ExpiredToken", 4: "UnknownError",
    ])
    public static let logout = GatewayEndpoint("/api/Auth/logout", read: false, codes: [0: "Success", 1: "InvalidSession", 2: "UnknownError"])
    public static let accountSearch = GatewayEndpoint("/api/Account/search", read: true, codes: successOnly)
    public static let contractSearch = GatewayEndpoint("/api/Contract/search", read: true, codes: successOnly)
    public static let contractSearchById = GatewayEndpoint("/api/Contract/searchById", read: true, codes: [0: "Success", 1: "ContractNotFound"])
    public static let contractAvailable = GatewayEndpoint("/api/Contract/available", read: true, codes: successOnly)
    public static let retrieveBars = GatewayEndpoint(
        "/api/History/retrieveBars", read: true,
        codes: [0: "Success", 1: "ContractNotFound", 2: "UnitInvalid", 3: "UnitNumberInvalid", 4: "LimitInvalid"],
        bucket: .history
    )
    public static let placeOrder = GatewayEndpoint("/api/Order/place", read: false, codes: [
        0: "Success", 1: "AccountNotFound", 2: "OrderRejected", 3: "InsufficientFunds", 4: "AccountViolation",
        5: "OutsideTradingHours", 6: "OrderPending", 7: "UnknownError", 8: "ContractNotFound", 9: "ContractNotActive",
        10: "AccountRejected",
    ])
    public static let modifyOrder = GatewayEndpoint("/api/Order/modify", read: false, codes: [
        0: "Success", 1: "AccountNotFound", 2: "OrderNotFound", 3: "Rejected", 4: "Pending", 5: "UnknownError",
        6: "AccountRejected", 7: "ContractNotFound",
    ])
    public static let cancelOrder = GatewayEndpoint("/api/Order/cancel", read: false, codes: [
        0: "Success", 1: "AccountNotFound", 2: "OrderNotFound", 3: "Rejected", 4: "Pending", 5: "UnknownError", 6: "AccountRejected",
    ])
    public static let searchOrders = GatewayEndpoint("/api/Order/search", read: true, codes: accountCodes)
    public static let searchOpenOrders = GatewayEndpoint("/api/Order/searchOpen", read: true, codes: accountCodes)
    public static let searchOrderById = GatewayEndpoint("/api/Order/searchById", read: true, codes: [0: "Success", 1: "OrderNotFound"])
    public static let queryOrders = GatewayEndpoint("/api/Order/v2/query", read: true, codes: accountCodes)
    public static let searchOpenPositions = GatewayEndpoint("/api/Position/searchOpen", read: true, codes: accountCodes)
    public static let closePosition = GatewayEndpoint("/api/Position/closeContract", read: false, codes: [
        0: "Success", 1: "AccountNotFound", 2: "PositionNotFound", 3: "ContractNotFound", 4: "ContractNotActive",
        5: "OrderRejected", 6: "OrderPending", 7: "UnknownError", 8: "AccountRejected",
    ])
    public static let partialClosePosition = GatewayEndpoint("/api/Position/partialCloseContract", read: false, codes: [
        0: "Success", 1: "AccountNotFound", 2: "PositionNotFound", 3: "ContractNotFound", 4: "ContractNotActive",
        5: "InvalidCloseSize", 6: "OrderRejected", 7: "OrderPending", 8: "UnknownError", 9: "AccountRejected",
    ])
    public static let searchTrades = GatewayEndpoint("/api/Trade/search", read: true, codes: accountCodes)
    public static let ping = GatewayEndpoint("/api/Status/ping", read: true, codes: successOnly)
}
