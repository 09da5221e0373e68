import Foundation

/// `Order/place` body. `linkedOrderId` (older docs only) is ignored like any unknown field.
struct PlaceOrderRequest: Decodable, Sendable {
    let command: PlaceOrderCommand

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        command = PlaceOrderCommand(
            accountId: try c.int32("accountId") ?? 0,
            contractId: try c.requiredString("contractId"),
            type: try c.enumValue("type") ?? 0,
            side: try c.enumValue("side") ?? 0,
            size: try c.int32("size") ?? 0,
            limitPrice: try c.decimal("limitPrice"),
            stopPrice: try c.decimal("stopPrice"),
            trailPrice: try c.decimal("trailPrice"),
            customTag: try c.optionalString("customTag"),
            stopLossBracket: try c.decodeIfPresent(BracketRequest.self, forKey: WireKey("stopLossBracket"))?.spec,
            takeProfitBracket: try c.decodeIfPresent(BracketRequest.self, forKey: WireKey("takeProfitBracket"))?.spec
        )
    }
}

/// `{ ticks, type }` of a bracket.
struct BracketRequest: Decodable, Sendable {
    let spec: BracketSpec

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        spec = BracketSpec(ticks: try c.int32("ticks") ?? 0, type: try c.enumValue("type") ?? 0)
    }
}

/// `Order/modify` body.
struct ModifyOrderRequest: Decodable, Sendable {
    let command: ModifyOrderCommand

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        command = ModifyOrderCommand(
            accountId: try c.int32("accountId") ?? 0,
            orderId: try c.int64("orderId") ?? 0,
            size: try c.int32("size"),
            limitPrice: try c.decimal("limitPrice"),
            stopPrice: try c.decimal("stopPrice"),
            trailPrice: try c.decimal("trailPrice")
        )
    }
}

/// `Order/cancel` and `Order/searchById` body.
struct OrderReferenceRequest: Decodable, Sendable {
    let accountId: Int
    let orderId: Int64

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        accountId = try c.int32("accountId") ?? 0
        orderId = try c.int64("orderId") ?? 0
    }
}

/// `Order/v2/query` body, bound leniently; ``validated()`` applies the validation rules that
/// make a 400 ProblemDetails.
struct OrderQueryRequest: Decodable, Sendable {
    struct Filter: Decodable, Sendable {
        let accountId: Int?
        let statuses: [Int]?
        let contractId: String?
        let createdAfter: Date?
        let createdBefore: Date?

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: WireKey.self)
            accountId = try c.int32("accountId")
            statuses = try c.decodeIfPresent([Int32].self, forKey: WireKey("statuses"))?.map(Int.init)
            contractId = try c.optionalString("contractId")
            createdAfter = try c.date("createdAfter")
            createdBefore = try c.date("createdBefore")
        }
    }

    let filter: Filter?
    let pageSize: Int?
    let pageOffset: Int?
    let sortBy: Int?
    let sortDirection: Int?
    let includeTotalCount: Bool

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        filter = try c.decodeIfPresent(Filter.self, forKey: WireKey("filter"))
        pageSize = try c.int32("pageSize")
        pageOffset = try c.int32("pageOffset")
        sortBy = try c.enumValue("sortBy")
        sortDirection = try c.enumValue("sortDirection")
        includeTotalCount = try c.bool("includeTotalCount")
    }

    /// Largest page.
    static let maximumPageSize = 1000

    /// The domain query, or ProblemDetails `errors`. Defaults: pageSize 100, offset 0, sort by
    /// creation time descending.
    func validated() -> Result<SimOrderQuery, ValidationErrors> {
        var errors: [String: [String]] = [:]
        guard let filter else { return .failure(ValidationErrors(errors: ["Filter": ["The Filter field is required."]])) }
        if filter.accountId == nil { errors["Filter.AccountId"] = ["The AccountId field is required."] }
        let size = pageSize ?? 100
        if !(1...OrderQueryRequest.maximumPageSize).contains(size) {
            errors["PageSize"] = ["The field PageSize must be between 1 and \(OrderQueryRequest.maximumPageSize)."]
        }
        let offset = pageOffset ?? 0
        if offset < 0 { errors["PageOffset"] = ["The field PageOffset must be between 0 and 2147483647."] }
        let sortField = SimOrderQuery.SortField(rawValue: sortBy ?? 0)
        if sortField == nil { errors["SortBy"] = ["The value '\(sortBy ?? 0)' is not valid for SortBy."] }
        let direction = SimOrderQuery.SortDirection(rawValue: sortDirection ?? 1)
        if direction == nil { errors["SortDirection"] = ["The value '\(sortDirection ?? 0)' is not valid for SortDirection."] }
        var statuses: [SimOrderStatus] = []
        for (index, raw) in (filter.statuses ?? []).enumerated() {
            if let status = SimOrderStatus(rawValue: raw) { statuses.append(status) } else {
                errors["Filter.Statuses[\(index)]"] = ["The value '\(raw)' is not valid for OrderStatus."]
            }
        }
        if let after = filter.createdAfter, let before = filter.createdBefore, after > before {
            errors["Filter.CreatedAfter"] = ["CreatedAfter must be earlier than or equal to CreatedBefore."]
        }
        guard errors.isEmpty, let accountId = filter.accountId, let sortField, let direction else {
            return .failure(ValidationErrors(errors: errors))
        }
        return .success(SimOrderQuery(
            accountId: accountId, statuses: statuses.isEmpty ? nil : statuses, contractId: filter.contractId,
            createdAfter: filter.createdAfter, createdBefore: filter.createdBefore, pageSize: size,
            pageOffset: offset, sortBy: sortField, sortDirection: direction
        ))
    }
}

/// Validation failures in ProblemDetails form.
struct ValidationErrors: Error {
    let errors: [String: [String]]
}
