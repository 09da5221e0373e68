import Foundation

/// `Account/search` body.
struct AccountSearchRequest: Decodable, Sendable {
    let onlyActiveAccounts: Bool

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        onlyActiveAccounts = try c.bool("onlyActiveAccounts")
    }
}

/// `SimContract/search` body.
struct ContractSearchRequest: Decodable, Sendable {
    let searchText: String
    let live: Bool

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        searchText = try c.requiredString("searchText")
        live = try c.bool("live")
    }
}

/// `SimContract/searchById` body.
struct ContractByIdRequest: Decodable, Sendable {
    let contractId: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        contractId = try c.requiredString("contractId")
    }
}

/// `SimContract/available` body.
struct ContractAvailableRequest: Decodable, Sendable {
    let live: Bool

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        live = try c.bool("live")
    }
}

/// `History/retrieveBars` body. Missing value fields take their defaults (a missing time is
/// `DateTime.MinValue`), as the ASP.NET binder does.
struct RetrieveBarsRequest: Decodable, Sendable {
    let query: BarQuery

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        query = BarQuery(
            contractId: try c.requiredString("contractId"),
            live: try c.bool("live"),
            startTime: try c.date("startTime") ?? .distantPast,
            endTime: try c.date("endTime") ?? .distantPast,
            unit: try c.enumValue("unit") ?? 0,
            unitNumber: try c.int32("unitNumber") ?? 0,
            limit: try c.int32("limit") ?? 0,
            includePartialBar: try c.bool("includePartialBar")
        )
    }
}

/// `Position/searchOpen`, `Order/searchOpen` body.
struct AccountOnlyRequest: Decodable, Sendable {
    let accountId: Int

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        accountId = try c.int32("accountId") ?? 0
    }
}

/// `Position/closeContract` and `Position/partialCloseContract` body.
struct ClosePositionRequest: Decodable, Sendable {
    let accountId: Int
    let contractId: String
    let size: Int

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        accountId = try c.int32("accountId") ?? 0
        contractId = try c.requiredString("contractId")
        size = try c.int32("size") ?? 0
    }
}

/// `Trade/search` and `Order/search` body (start optional for trades, required-by-default
/// value for orders).
struct TimeWindowRequest: Decodable, Sendable {
    let accountId: Int
    let startTimestamp: Date?
    let endTimestamp: Date?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        accountId = try c.int32("accountId") ?? 0
        startTimestamp = try c.date("startTimestamp")
        endTimestamp = try c.date("endTimestamp")
    }
}
