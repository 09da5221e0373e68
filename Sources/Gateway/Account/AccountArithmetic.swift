import Foundation

/// The money arithmetic of account state in one place: exact decimals, so that a P&L adds up to
/// the cent the gateway reports.
enum AccountArithmetic {
    /// The sum of amounts.
    static func sum(_ amounts: [Decimal]) -> Decimal {
        amounts.reduce(0, +)
    }

    /// Unrealised profit and loss of a position at `lastPrice`:
    /// `(last − average) / tickSize × tickValue × size`, negated for a short. Nil when the
    /// direction is unknown, the tick size is not positive or a value is not a number.
    static func unrealizedProfitAndLoss(
        type: PositionType, size: Int, averagePrice: Decimal, lastPrice: Decimal, tickSize: Decimal, tickValue: Decimal
    ) -> Decimal? {
        guard tickSize > 0, !tickSize.isNaN, !tickValue.isNaN, !averagePrice.isNaN, !lastPrice.isNaN else { return nil }
        let direction: Decimal
        switch type {
        case .long: direction = 1
        case .short: direction = -1
        case .undefined: return nil
        }
        // Multiplied before dividing: a price difference is a whole number of ticks on the
        // contract's grid, and the product of exact decimals divides exactly.
        return (lastPrice - averagePrice) * tickValue * Decimal(size) * direction / tickSize
    }
}
