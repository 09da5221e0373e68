/// A coding key built from any string: the envelope's payload field name varies per endpoint,
/// and request keys are matched case-insensitively.
struct WireKey: CodingKey, Hashable {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue) }

    /// Every request field name the simulator binds. ASP.NET binds JSON property names
    /// case-insensitively, so `AccountId` and `accountid` reach `accountId`.
    static let requestFields: [String] = [
        "userName", "apiKey", "password", "deviceId", "appId", "verifyKey", "onlyActiveAccounts", "searchText",
        "live", "contractId", "startTime", "endTime", "unit", "unitNumber", "limit", "includePartialBar",
        "accountId", "type", "side", "size", "limitPrice", "stopPrice", "trailPrice", "customTag",
        "stopLossBracket", "takeProfitBracket", "ticks", "orderId", "startTimestamp", "endTimestamp", "filter",
        "statuses", "createdAfter", "createdBefore", "pageSize", "pageOffset", "sortBy", "sortDirection",
        "includeTotalCount", "count", "seconds", "enabled", "closed", "price", "hub", "allowReconnect", "error",
        "mode", "maxFrameBytes", "messagesPerFrame", "bytes", "steps",
    ]

    private static let canonical: [String: String] = Dictionary(
        requestFields.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first }
    )

    /// Maps a received key to its canonical spelling (unknown keys are kept and then ignored).
    static func canonicalize(_ key: any CodingKey) -> any CodingKey {
        if key.intValue != nil { return key }
        return WireKey(canonical[key.stringValue.lowercased()] ?? key.stringValue)
    }
}
