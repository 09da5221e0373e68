import Foundation

/// Exchange and clearing fees charged per contract per side (each fill), by product segment.
public struct FeeSchedule: Sendable, Equatable {
    /// Fee for products without an override.
    public var defaultPerContractPerSide: Decimal
    /// Overrides keyed by product segment (`EP`, `MES`, …).
    public var perProduct: [String: Decimal]

    /// Creates a schedule.
    public init(defaultPerContractPerSide: Decimal, perProduct: [String: Decimal] = [:]) {
        self.defaultPerContractPerSide = defaultPerContractPerSide
        self.perProduct = perProduct
    }

    /// Fees of a fill.
    public func fee(for product: String, contracts: Int) -> Decimal {
        (perProduct[product] ?? defaultPerContractPerSide) * Decimal(contracts)
    }

    /// A TopstepX-like schedule: $1.40 per side for E-minis, $0.37 for micros.
    public static let standard = FeeSchedule(
        defaultPerContractPerSide: Decimal(string: "1.00") ?? 1,
        perProduct: [
            "EP": Decimal(string: "1.40") ?? 1, "ENQ": Decimal(string: "1.40") ?? 1,
            "YM": Decimal(string: "1.40") ?? 1, "RTY": Decimal(string: "1.40") ?? 1,
            "MES": Decimal(string: "0.37") ?? 1, "MNQ": Decimal(string: "0.37") ?? 1,
            "MYM": Decimal(string: "0.37") ?? 1, "M2K": Decimal(string: "0.37") ?? 1,
            "CLE": Decimal(string: "1.50") ?? 1, "GCE": Decimal(string: "1.55") ?? 1,
        ]
    )

    /// No fees (handy for P&L arithmetic in tests).
    public static let none = FeeSchedule(defaultPerContractPerSide: 0)
}
