import Foundation

extension Exchange {
    /// `Order/modify`: changes size and prices of an open order. A modified limit that becomes
    /// marketable fills at once. `trailPrice` is an absolute level, as in `Order/place`; modify
    /// has no maximum-distance check.
    public func modify(_ command: ModifyOrderCommand, by userName: String) -> Result<Void, GatewayFailure<ModifyOrderErrorCode>> {
        guard let account = account(command.accountId, ownedBy: userName) else {
            return .failure(GatewayFailure(.accountNotFound, "Account not found."))
        }
        guard var order = orders[command.orderId], order.accountId == account.id else {
            return .failure(GatewayFailure(.orderNotFound, "Order not found."))
        }
        if let rejection = Exchange.accountRejection(account) {
            return .failure(GatewayFailure(.accountRejected, rejection))
        }
        func reject(_ message: String) -> Result<Void, GatewayFailure<ModifyOrderErrorCode>> {
            .failure(GatewayFailure(.rejected, message))
        }
        if order.status == .suspended { return reject("Cannot modify a suspended bracket order.") }
        guard order.status == .open else { return reject("Order cannot be modified in its current state (\(order.status)).") }
        guard let touch = feed.touch(of: order.contractId) else {
            return .failure(GatewayFailure(.contractNotFound, "Contract not found."))
        }
        let contract = order.contract
        if let size = command.size {
            guard size > 0 else { return reject("Invalid order size (\(size)).") }
            order.size = size
        }
        if let limitPrice = command.limitPrice {
            guard order.limitTicks != nil || order.type == .limit || order.type == .stopLimit else {
                return reject("Limit price cannot be set on this order type.")
            }
            guard let ticks = contract.ticks(of: limitPrice), ticks > 0 else {
                return reject("Invalid limit price. Price is not aligned to tick size.")
            }
            order.limitTicks = ticks
        }
        if let stopPrice = command.stopPrice {
            guard order.type == .stop || order.type == .stopLimit || order.type == .trailingStop else {
                return reject("Stop price cannot be set on this order type.")
            }
            guard let ticks = contract.ticks(of: stopPrice), ticks > 0 else {
                return reject("Invalid stop price. Price is not aligned to tick size.")
            }
            let wrongSide = order.side == .bid ? ticks <= touch.last : ticks >= touch.last
            if wrongSide, !(order.type == .stopLimit && order.triggered) {
                return reject("Invalid stop price. A \(order.side == .bid ? "buy" : "sell") stop must be \(order.side == .bid ? "above" : "below") the last price.")
            }
            order.stopTicks = ticks
        }
        if let trailPrice = command.trailPrice {
            guard order.type == .trailingStop else { return reject("Trail price can only be set on a trailing stop.") }
            guard let level = contract.ticks(of: trailPrice) else {
                return reject("Invalid trail price. Price is not aligned to tick size.")
            }
            let distance = abs(touch.last - level)
            guard distance > 0 else { return reject("Trail Distance not set.") }
            order.trailTicks = distance
            order.stopTicks = order.side == .ask ? touch.last - distance : touch.last + distance
        }
        order.updateTimestamp = now()
        store(order)
        if let children = bracketChildren[order.id], command.size != nil {
            // A child's size is part of the order: the change is published like any other, so
            // that a client keeping the account's orders from the hub sees it.
            for child in children {
                guard var updated = orders[child], updated.status == .suspended, updated.size != order.size else { continue }
                updated.size = order.size
                updated.updateTimestamp = order.updateTimestamp
                store(updated)
            }
        }
        execute(order.id, justActivated: true)
        return .success(())
    }

    /// `Order/cancel`. Followers and live accounts get 6 AccountRejected, as reported.
    public func cancel(accountId: Int, orderId: Int64, by userName: String) -> Result<Void, GatewayFailure<CancelOrderErrorCode>> {
        guard let account = account(accountId, ownedBy: userName) else {
            return .failure(GatewayFailure(.accountNotFound, "Account not found."))
        }
        guard let order = orders[orderId], order.accountId == account.id else {
            return .failure(GatewayFailure(.orderNotFound, "Order not found."))
        }
        if let rejection = Exchange.accountRejection(account) {
            return .failure(GatewayFailure(.accountRejected, rejection))
        }
        guard order.status.isWorking else {
            return .failure(GatewayFailure(.rejected, "Order cannot be cancelled in its current state (\(order.status))."))
        }
        transition(orderId, to: .cancelled)
        cancelChildren(of: orderId)
        return .success(())
    }

    /// Why an account may not cancel or modify orders through the API, if it may not.
    static func accountRejection(_ account: SimAccount) -> String? {
        if account.seed.isFollower { return "Follower accounts cannot cancel orders" }
        if !account.seed.simulated { return "Live accounts not supported" }
        return nil
    }
}
