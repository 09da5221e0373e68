import Foundation

/// One listed contract (a product and an expiry month).
public struct SimContract: Sendable, Hashable {
    /// `CON.F.US.EP.U25`.
    public let id: String
    /// `ESU5` (root, month code, one-digit year, as newer gateway data shows).
    public let name: String
    /// `E-mini S&P 500: September 2025`.
    public let description: String
    /// The product.
    public let product: ProductSpec
    /// Expiry month (1...12).
    public let month: Int
    /// Expiry year (four digits).
    public let year: Int
    /// Whether this is the current front month (`activeContract` on the wire).
    public let isActive: Bool

    /// `F.US.EP`.
    public var symbolId: String { product.symbolId }
    /// The minimum price increment, exactly.
    public var tickSize: Decimal { product.tickSize }
    /// Dollar value of one tick.
    public var tickValue: Decimal { product.tickValue }
    /// Ticks per price unit.
    public var ticksPerPoint: Int { product.ticksPerPoint }
    /// `/ES`, the "friendly" quote symbol name.
    public var symbolName: String { "/\(product.root)" }

    /// The exact price of a tick count, as the market hub writes it.
    public func price(ofTicks ticks: Int64) -> FixedDecimal {
        FixedDecimal(units: ticks * product.tickScale, places: product.tickDecimals)
    }

    /// The exact price of a tick count, for money arithmetic and the REST and user-hub payloads.
    public func decimalPrice(ofTicks ticks: Int64) -> Decimal {
        price(ofTicks: ticks).decimal
    }

    /// Largest price magnitude accepted from a request: far above any futures price, and small
    /// enough that its tick count and its units never overflow `Int64`.
    static let maximumPrice = Decimal(1_000_000_000)

    /// The tick count of `price`, or nil when the price is not exactly on the tick grid (71.235
    /// on a 0.01 grid) or is beyond `SimContract.maximumPrice`. Exact: no `Double` is involved.
    public func ticks(of price: Decimal) -> Int64? {
        guard !price.isNaN, price.magnitude <= SimContract.maximumPrice else { return nil }
        var scaled = price * Decimal(product.ticksPerPoint)
        var whole = Decimal()
        NSDecimalRound(&whole, &scaled, 0, .plain)
        guard whole == scaled else { return nil }
        let ticks = NSDecimalNumber(decimal: whole).int64Value
        // The conversion is checked, not trusted: it must give back the same number.
        return Decimal(ticks) == whole ? ticks : nil
    }

    /// The tick count of a price the simulator wrote (a payload's), or nil when it is not on this
    /// contract's grid.
    func ticks(of price: FixedDecimal) -> Int64? {
        guard price.places <= product.tickDecimals else { return nil }
        var units = price.units
        for _ in price.places..<product.tickDecimals {
            let (product, overflow) = units.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            units = product
        }
        guard units % product.tickScale == 0 else { return nil }
        return units / product.tickScale
    }

    /// The tick count nearest to `price` (for simulated prices that are not on the grid yet).
    func nearestTicks(of price: Double) -> Int64 {
        Int64((price * Double(product.ticksPerPoint)).rounded())
    }

    /// CME month codes F G H J K M N Q U V X Z.
    static let monthCodes: [Character] = ["F", "G", "H", "J", "K", "M", "N", "Q", "U", "V", "X", "Z"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ]

    /// Builds the contract of `product` expiring in `month`/`year`.
    init(product: ProductSpec, month: Int, year: Int, isActive: Bool) {
        let code = SimContract.monthCodes[month - 1]
        let yy = ((year % 100) + 100) % 100
        self.id = "CON.F.US.\(product.product).\(code)\(yy < 10 ? "0" : "")\(yy)"
        self.name = "\(product.root)\(code)\(yy % 10)"
        self.description = "\(product.title): \(SimContract.monthNames[month - 1]) \(year)"
        self.product = product
        self.month = month
        self.year = year
        self.isActive = isActive
    }
}
