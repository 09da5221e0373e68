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
    /// The minimum price increment.
    public var tickSize: Double { product.tickSize }
    /// Dollar value of one tick.
    public var tickValue: Decimal { product.tickValue }
    /// Ticks per price unit.
    public var ticksPerPoint: Int { product.ticksPerPoint }
    /// `/ES`, the "friendly" quote symbol name.
    public var symbolName: String { "/\(product.root)" }

    /// The price of a tick count (exact for every tick size of the form 1/n).
    public func price(ofTicks ticks: Int64) -> Double {
        Double(ticks) / Double(product.ticksPerPoint)
    }

    /// The tick count of `price`, or nil when the price is not on the tick grid.
    public func ticks(of price: Double) -> Int64? {
        guard price.isFinite, abs(price) < 1e12 else { return nil }
        let scaled = price * Double(product.ticksPerPoint)
        let rounded = scaled.rounded()
        guard abs(scaled - rounded) <= 1e-6 * max(1, abs(rounded)) else { return nil }
        return Int64(rounded)
    }

    /// The tick count nearest to `price` (for simulated prices that are not on the grid yet).
    func nearestTicks(of price: Double) -> Int64 {
        Int64((price * Double(product.ticksPerPoint)).rounded())
    }

    /// A price as an exact decimal (for money arithmetic).
    func decimalPrice(ofTicks ticks: Int64) -> Decimal {
        Decimal(ticks) / Decimal(product.ticksPerPoint)
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
