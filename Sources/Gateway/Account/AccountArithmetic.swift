/// The money arithmetic of account state in one place, so that changing the number type (to
/// `Decimal`) is a change here and in the models, not a hunt through the code.
enum AccountArithmetic {
    /// The sum of amounts.
    static func sum(_ amounts: [Double]) -> Double {
        amounts.reduce(0, +)
    }

    /// Unrealised profit and loss of a position at `lastPrice`:
    /// `(last − average) / tickSize × tickValue × size`, negated for a short. Nil when the
    /// direction is unknown or the tick size is not positive.
    static func unrealizedProfitAndLoss(
        type: PositionType, size: Int, averagePrice: Double, lastPrice: Double, tickSize: Double, tickValue: Double
    ) -> Double? {
        guard tickSize > 0, tickSize.isFinite, tickValue.isFinite, averagePrice.isFinite, lastPrice.isFinite else { return nil }
        let direction: Double
        switch type {
        case .long: direction = 1
        case .short: direction = -1
        case .undefined: return nil
        }
        return (lastPrice - averagePrice) / tickSize * tickValue * Double(size) * direction
    }
}
