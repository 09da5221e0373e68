import Foundation

extension Exchange {
    /// Books one fill: a trade row with fees and (for the closing part) realised P&L, the
    /// position change, and the balance change; publishes trade, position and account events.
    ///
    /// P&L = (exit − average entry) × closed contracts × ticksPerPoint × tickValue, negated for
    /// shorts, rounded to cents. Fees = fee per contract per side × contracts, charged on every
    /// fill. A fill larger than an opposite position closes it and opens the remainder the other
    /// way (a new position id).
    func applyFill(_ order: SimOrder, ticks: Int64, at timestamp: Date) {
        let contract = order.contract
        let price = contract.decimalPrice(ofTicks: ticks)
        let fee = fees.fee(for: contract.product.product, contracts: order.size)
        let fillSigned = order.side.sign * order.size
        var book = positions[order.accountId] ?? [:]
        let existing = book[contract.id]
        var pnl: Decimal?
        var positionEvents: [SimPosition] = []

        if let position = existing, position.signedSize != 0, (position.signedSize > 0) != (fillSigned > 0) {
            let closed = min(position.size, order.size)
            let direction: Decimal = position.type == .long ? 1 : -1
            let raw = (price - position.averagePrice) * Decimal(closed) * Decimal(contract.ticksPerPoint)
                * contract.tickValue * direction
            pnl = Exchange.roundCents(raw)
            let remaining = position.signedSize + fillSigned
            if remaining == 0 {
                var closedPosition = position
                closedPosition.size = 0
                positionEvents.append(closedPosition)
                book[contract.id] = nil
            } else if (remaining > 0) == (position.signedSize > 0) {
                var reduced = position
                reduced.size = abs(remaining)
                positionEvents.append(reduced)
                book[contract.id] = reduced
            } else {
                var closedPosition = position
                closedPosition.size = 0
                positionEvents.append(closedPosition)
                let flipped = newPosition(order, signedSize: remaining, price: price, at: timestamp)
                positionEvents.append(flipped)
                book[contract.id] = flipped
            }
        } else if var position = existing {
            let total = position.size + order.size
            position.averagePrice = (position.averagePrice * Decimal(position.size) + price * Decimal(order.size)) / Decimal(total)
            position.size = total
            positionEvents.append(position)
            book[contract.id] = position
        } else {
            let opened = newPosition(order, signedSize: fillSigned, price: price, at: timestamp)
            positionEvents.append(opened)
            book[contract.id] = opened
        }
        positions[order.accountId] = book

        let trade = SimTrade(
            id: nextTradeId, accountId: order.accountId, contractId: contract.id, creationTimestamp: timestamp,
            price: price, profitAndLoss: pnl, fees: fee, side: order.side, size: order.size,
            voided: false, orderId: order.id
        )
        nextTradeId += 1
        trades[order.accountId, default: []].append(trade)
        events.publish(.trade(TradeEventPayload(trade)))
        for position in positionEvents { events.publish(.position(PositionEventPayload(position))) }

        if var account = accounts[order.accountId] {
            account.balance += (pnl ?? 0) - fee
            accounts[order.accountId] = account
            events.publish(.account(AccountEventPayload(account)))
        }
    }

    private func newPosition(_ order: SimOrder, signedSize: Int, price: Decimal, at timestamp: Date) -> SimPosition {
        defer { nextPositionId += 1 }
        return SimPosition(
            id: nextPositionId, accountId: order.accountId, contractId: order.contractId, creationTimestamp: timestamp,
            type: signedSize > 0 ? .long : .short, size: abs(signedSize), averagePrice: price
        )
    }

    /// Rounds money to cents, half away from zero.
    static func roundCents(_ value: Decimal) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, 2, .plain)
        return output
    }
}
