import Foundation

/// The pure rules that keep an ``AccountSnapshot``: a user-hub event applied to it, or a new
/// REST snapshot replacing it, each returning what changed. ``AccountMonitor`` runs them; they
/// need no socket and no clock.
///
/// ```swift
/// var state = AccountSnapshot(accountId: 12)
/// let changes = state.apply(.order(order))      // [.orderUpdated(order)] for a new working order
/// ```
extension AccountSnapshot {
    /// Applies one user-hub event. Events of other accounts, gaps and live markers change
    /// nothing. Every event carries the whole object, so applying one twice changes nothing the
    /// second time:
    /// - an order that is working is stored; one that is not (filled, cancelled, rejected,
    ///   expired) leaves the working set;
    /// - a position is stored by contract; size 0 closes it (only the position with that id, so
    ///   a late close of a position already replaced by a reversal does not remove the new one);
    /// - a fill is stored by id (a corrected fill replaces the earlier one) unless it was created
    ///   before ``fillsSince``;
    /// - the account is replaced.
    public mutating func apply(_ event: UserEvent) -> [AccountChange] {
        switch event {
        case .account(let account):
            guard account.id == accountId, self.account != account else { return [] }
            self.account = account
            return [.account(account)]
        case .order(let order):
            guard order.accountId == accountId else { return [] }
            if order.status.isWorking {
                guard orders[order.id] != order else { return [] }
                orders[order.id] = order
                return [.orderUpdated(order)]
            }
            orders.removeValue(forKey: order.id)
            return [.orderFinished(order)]
        case .position(let position):
            guard position.accountId == accountId else { return [] }
            if position.size == 0 {
                guard positions[position.contractId]?.id == position.id else { return [] }
                positions.removeValue(forKey: position.contractId)
                return [.positionClosed(position)]
            }
            guard positions[position.contractId] != position else { return [] }
            var changes: [AccountChange] = []
            if let replaced = positions[position.contractId], replaced.id != position.id {
                // A reversal whose close was not seen: the old position is gone.
                var closed = replaced
                closed.size = 0
                changes.append(.positionClosed(closed))
            }
            positions[position.contractId] = position
            changes.append(.positionUpdated(position))
            return changes
        case .trade(let fill):
            guard fill.accountId == accountId, fills[fill.id] != fill else { return [] }
            if let created = fill.creationTimestamp, created < fillsSince { return [] }
            fills[fill.id] = fill
            return [.fill(fill)]
        case .gap, .live:
            return []
        }
    }

    /// Replaces the state with `snapshot` (taken over REST) and returns the changes that lead
    /// from the old state to it: orders, then positions, then fills, then the account. Fills that
    /// fall out of the new snapshot's window are dropped without a change.
    public mutating func replace(with snapshot: AccountSnapshot) -> [AccountChange] {
        var changes: [AccountChange] = []
        for order in snapshot.workingOrders where orders[order.id] != order {
            changes.append(.orderUpdated(order))
        }
        for order in workingOrders where snapshot.orders[order.id] == nil {
            changes.append(.orderFinished(order))
        }
        for (contractId, old) in positions.sorted(by: { $0.key < $1.key }) {
            let new = snapshot.positions[contractId]
            if new == nil || new?.id != old.id {
                var closed = old
                closed.size = 0
                changes.append(.positionClosed(closed))
            }
        }
        for position in snapshot.openPositions where positions[position.contractId] != position {
            changes.append(.positionUpdated(position))
        }
        for fill in snapshot.fillsInOrder where fills[fill.id] != fill {
            changes.append(.fill(fill))
        }
        if let account = snapshot.account, account != self.account {
            changes.append(.account(account))
        }
        self = snapshot
        return changes
    }
}
