import Foundation

/// A futures product as the simulator lists it: the product segment of contract ids (`EP`),
/// the root traders know (`ES`), tick grid and value, the listed month cycle, the roll rule that
/// decides the front month, and the parameters of its simulated price.
public struct ProductSpec: Sendable, Hashable {
    /// Product segment of ids: `CON.F.US.<product>.U25`, `F.US.<product>`.
    public let product: String
    /// Exchange root used in contract names (`ES` in `ESU5`).
    public let root: String
    /// Human title used in descriptions (`E-mini S&P 500`).
    public let title: String
    /// Ticks per price unit; every tick size is `1 / ticksPerPoint` (0.25 → 4, 0.01 → 100,
    /// 1/64 → 64). It is 2^a·5^b, so that a tick, and every price, is a finite decimal.
    public let ticksPerPoint: Int
    /// Decimal places of a tick: 2 for 1/4, 6 for 1/64. Prices never need more.
    public let tickDecimals: Int
    /// 10^``tickDecimals`` / ``ticksPerPoint``: a price of `t` ticks is `t × tickScale` units of
    /// 10^-``tickDecimals`` (25 for 1/4: 3 ticks are 75 hundredths).
    let tickScale: Int64
    /// Dollar value of one tick per contract.
    public let tickValue: Decimal
    /// Listed contract months (1...12).
    public let months: [Int]
    /// The front month rolls to the next listed month on day `rollDay` of month
    /// (`contract month + rollMonthOffset`).
    public let rollMonthOffset: Int
    /// See ``rollMonthOffset``.
    public let rollDay: Int
    /// Centre of the simulated price.
    public let basePrice: Double
    /// Products of one family (ES and MES) share their simulated reference path.
    public let family: String
    /// Daily volatility as a fraction of price, used by the reference path.
    public let dailyVolatility: Double

    /// Creates a product. `ticksPerPoint` must be of the form 2^a·5^b with a, b <= 9 (a tick
    /// that is a decimal of at most nine places, as the gateway writes prices), like every
    /// exchange's; anything else is a programming error and traps.
    public init(
        product: String, root: String, title: String, ticksPerPoint: Int, tickValue: Decimal,
        months: [Int], rollMonthOffset: Int, rollDay: Int, basePrice: Double, family: String,
        dailyVolatility: Double
    ) {
        self.product = product
        self.root = root
        self.title = title
        self.ticksPerPoint = ticksPerPoint
        var twos = 0
        var fives = 0
        var rest = max(1, ticksPerPoint)
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        precondition(ticksPerPoint > 0 && rest == 1 && max(twos, fives) <= 9,
                     "ticksPerPoint \(ticksPerPoint) of \(product) is not 2^a·5^b: its tick has no exact decimal")
        tickDecimals = max(twos, fives)
        var power: Int64 = 1
        for _ in 0..<tickDecimals { power *= 10 }
        tickScale = power / Int64(ticksPerPoint)
        self.tickValue = tickValue
        self.months = months.sorted()
        self.rollMonthOffset = rollMonthOffset
        self.rollDay = rollDay
        self.basePrice = basePrice
        self.family = family
        self.dailyVolatility = dailyVolatility
    }

    /// `F.US.<product>`.
    public var symbolId: String { "F.US.\(product)" }
    /// The minimum price increment, exactly (0.25, 0.015625).
    public var tickSize: Decimal { FixedDecimal(units: tickScale, places: tickDecimals).decimal }
}

extension ProductSpec {
    static let quarterly = [3, 6, 9, 12]
    static let monthly = Array(1...12)

    /// The products the simulator lists by default.
    public static let standard: [ProductSpec] = [
        index("EP", "ES", "E-mini S&P 500", 4, 12.5, 6450, "SPX"),
        index("MES", "MES", "Micro E-mini S&P 500", 4, 1.25, 6450, "SPX"),
        index("ENQ", "NQ", "E-mini NASDAQ-100", 4, 5, 23_500, "NDX"),
        index("MNQ", "MNQ", "Micro E-mini Nasdaq-100", 4, 0.5, 23_500, "NDX"),
        index("RTY", "RTY", "E-mini Russell 2000", 10, 5, 2_250, "RUT"),
        index("M2K", "M2K", "Micro E-mini Russell 2000", 10, 0.5, 2_250, "RUT"),
        index("YM", "YM", "E-mini Dow Jones ($5)", 1, 5, 44_500, "DJI"),
        index("MYM", "MYM", "Micro E-mini Dow Jones", 1, 0.5, 44_500, "DJI"),
        ProductSpec(product: "CLE", root: "CL", title: "Crude Light", ticksPerPoint: 100, tickValue: 10,
                    months: monthly, rollMonthOffset: -1, rollDay: 19, basePrice: 65, family: "WTI",
                    dailyVolatility: 0.022),
        ProductSpec(product: "MCLE", root: "MCL", title: "Micro WTI Crude Oil", ticksPerPoint: 100, tickValue: 1,
                    months: monthly, rollMonthOffset: -1, rollDay: 19, basePrice: 65, family: "WTI",
                    dailyVolatility: 0.022),
        ProductSpec(product: "NGE", root: "NG", title: "Natural Gas", ticksPerPoint: 1000, tickValue: 10,
                    months: monthly, rollMonthOffset: -1, rollDay: 25, basePrice: 3.1, family: "NATGAS",
                    dailyVolatility: 0.035),
        ProductSpec(product: "GCE", root: "GC", title: "Gold", ticksPerPoint: 10, tickValue: 10,
                    months: [2, 4, 6, 8, 10, 12], rollMonthOffset: -1, rollDay: 26, basePrice: 3_400,
                    family: "GOLD", dailyVolatility: 0.01),
        ProductSpec(product: "MGC", root: "MGC", title: "Micro Gold", ticksPerPoint: 10, tickValue: 1,
                    months: [2, 4, 6, 8, 10, 12], rollMonthOffset: -1, rollDay: 26, basePrice: 3_400,
                    family: "GOLD", dailyVolatility: 0.01),
        ProductSpec(product: "SIE", root: "SI", title: "Silver", ticksPerPoint: 200, tickValue: 25,
                    months: [3, 5, 7, 9, 12], rollMonthOffset: -1, rollDay: 26, basePrice: 38,
                    family: "SILVER", dailyVolatility: 0.018),
        ProductSpec(product: "CPE", root: "HG", title: "Copper", ticksPerPoint: 2000, tickValue: 12.5,
                    months: [3, 5, 7, 9, 12], rollMonthOffset: -1, rollDay: 26, basePrice: 4.5,
                    family: "COPPER", dailyVolatility: 0.015),
        currency("EU6", "6E", "Euro FX", 20_000, 6.25, 1.17, "EUR"),
        currency("JY6", "6J", "Japanese Yen", 2_000_000, 6.25, 0.0068, "JPY"),
        currency("MX6", "6M", "Mexican Peso", 1_000_000, 5, 0.053, "MXN"),
        rates("TYA", "ZN", "10-Year T-Note", 64, 15.625, 111.5, "UST10"),
        rates("FVA", "ZF", "5-Year T-Note", 128, 7.8125, 108.5, "UST5"),
        rates("USA", "ZB", "30-Year T-Bond", 32, 31.25, 115, "UST30"),
    ]

    private static func index(
        _ product: String, _ root: String, _ title: String, _ ticksPerPoint: Int, _ tickValue: Decimal,
        _ base: Double, _ family: String
    ) -> ProductSpec {
        ProductSpec(product: product, root: root, title: title, ticksPerPoint: ticksPerPoint, tickValue: tickValue,
                    months: quarterly, rollMonthOffset: 0, rollDay: 12, basePrice: base, family: family,
                    dailyVolatility: 0.011)
    }

    private static func currency(
        _ product: String, _ root: String, _ title: String, _ ticksPerPoint: Int, _ tickValue: Decimal,
        _ base: Double, _ family: String
    ) -> ProductSpec {
        ProductSpec(product: product, root: root, title: title, ticksPerPoint: ticksPerPoint, tickValue: tickValue,
                    months: quarterly, rollMonthOffset: 0, rollDay: 12, basePrice: base, family: family,
                    dailyVolatility: 0.006)
    }

    private static func rates(
        _ product: String, _ root: String, _ title: String, _ ticksPerPoint: Int, _ tickValue: Decimal,
        _ base: Double, _ family: String
    ) -> ProductSpec {
        ProductSpec(product: product, root: root, title: title, ticksPerPoint: ticksPerPoint, tickValue: tickValue,
                    months: quarterly, rollMonthOffset: -1, rollDay: 25, basePrice: base, family: family,
                    dailyVolatility: 0.004)
    }
}
