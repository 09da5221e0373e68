/// The price flags of `order place` and `order modify`.
enum OrderPriceFlag: String, Sendable, CaseIterable {
    case limit, stop, trail

    var flag: String { "--\(rawValue)" }
}
