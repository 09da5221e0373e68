import Foundation

/// An open position valued at the market's last price.
///
/// ```swift
/// for value in await monitor.positionValues() {
///     print(value.position.contractId, value.lastPrice ?? 0, value.unrealizedProfitAndLoss ?? 0)
/// }
/// let pnl = PositionValue.unrealizedProfitAndLoss(of: position, at: 5001.25, tickSize: 0.25, tickValue: 1.25)
/// ```
public struct PositionValue: Sendable, Hashable {
    public var position: Position
    /// The contract, for its tick size and value; nil when it could not be looked up.
    public var contract: Contract?
    /// The last traded price from the market hub; nil before the first quote.
    public var lastPrice: Decimal?

    public init(position: Position, contract: Contract?, lastPrice: Decimal?) {
        self.position = position
        self.contract = contract
        self.lastPrice = lastPrice
    }

    /// Unrealised profit and loss at ``lastPrice``; nil without a price or a contract.
    public var unrealizedProfitAndLoss: Decimal? {
        guard let lastPrice, let contract else { return nil }
        return Self.unrealizedProfitAndLoss(of: position, at: lastPrice, tickSize: contract.tickSize, tickValue: contract.tickValue)
    }

    /// `(last − average) / tickSize × tickValue × size`, negated for a short: what closing the
    /// position at `lastPrice` would realise before fees. Nil for a position of unknown direction
    /// or a tick size that is not positive.
    public static func unrealizedProfitAndLoss(of position: Position, at lastPrice: Decimal, tickSize: Decimal, tickValue: Decimal) -> Decimal? {
        AccountArithmetic.unrealizedProfitAndLoss(
            type: position.type, size: position.size, averagePrice: position.averagePrice, lastPrice: lastPrice,
            tickSize: tickSize, tickValue: tickValue
        )
    }
}
