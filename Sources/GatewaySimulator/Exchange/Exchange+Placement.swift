import Foundation

extension Exchange {
    /// Largest trailing distance accepted by `Order/place`, in ticks.
    static let maximumTrailTicks: Int64 = 1000

    /// `Order/place`. Validation failures are errorCode 2 with a message; a bracket order that
    /// fails its bracket rules is still created (status Rejected) and its id returned.
    public func place(_ command: PlaceOrderCommand, by userName: String) -> PlaceOrderOutcome {
        func fail(_ code: PlaceOrderErrorCode, _ message: String?, orderId: Int64? = nil) -> PlaceOrderOutcome {
            PlaceOrderOutcome(orderId: orderId, failure: GatewayFailure(code, message))
        }
        guard let account = account(command.accountId, ownedBy: userName) else {
            return fail(.accountNotFound, "Account not found.")
        }
        guard account.seed.canTrade else {
            return fail(.accountViolation, "Account \(account.name) is not permitted to trade.")
        }
        guard let contract = catalog.contract(id: command.contractId) else {
            return fail(.contractNotFound, "Contract not found.")
        }
        guard contract.isActive else { return fail(.contractNotActive, "Contract \(contract.id) is not active.") }
        guard !marketClosed else { return fail(.outsideTradingHours, "Outside of trading hours.") }
        guard let type = SimOrderType(rawValue: command.type), type != .unknown else {
            return fail(.orderRejected, "Invalid order type (\(command.type)).")
        }
        guard let side = SimOrderSide(rawValue: command.side) else {
            return fail(.orderRejected, "Invalid order side (\(command.side)).")
        }
        guard command.size > 0 else { return fail(.orderRejected, "Invalid order size (\(command.size)).") }
        guard account.balance > 0 else { return fail(.insufficientFunds, "Insufficient funds.") }
        if let tag = command.customTag,
           (ordersByAccount[account.id] ?? []).contains(where: { orders[$0]?.customTag == tag }) {
            return fail(.orderRejected, "Custom tag '\(tag)' is already in use. Must be unique across the account.")
        }
        guard let touch = feed.touch(of: contract.id) else { return fail(.orderRejected, "Invalid symbol") }

        let prices: OrderPrices
        switch Exchange.prices(for: command, type: type, side: side, contract: contract, touch: touch) {
        case .failure(let message): return fail(.orderRejected, message.text)
        case .success(let resolved): prices = resolved
        }

        let hasBrackets = command.stopLossBracket != nil || command.takeProfitBracket != nil
        let timestamp = now()
        var order = SimOrder(
            id: allocateOrderId(), accountId: account.id, contractId: contract.id, symbolId: contract.symbolId,
            contract: contract, creationTimestamp: timestamp, updateTimestamp: timestamp, status: .open, type: type,
            side: side, size: command.size, limitTicks: prices.limit, stopTicks: prices.stop, trailTicks: prices.trail,
            fillVolume: 0, filledTicks: nil, customTag: command.customTag, parentOrderId: nil, linkedOrderId: nil,
            pendingStopLoss: command.stopLossBracket, pendingTakeProfit: command.takeProfitBracket
        )
        if hasBrackets, let message = bracketRejection(command, side: side, mode: account.seed.bracketMode) {
            order.status = .rejected
            order.pendingStopLoss = nil
            order.pendingTakeProfit = nil
            store(order)
            return fail(.orderRejected, message, orderId: order.id)
        }
        store(order)
        if hasBrackets { createSuspendedChildren(of: order) }
        execute(order.id, justActivated: true)
        return PlaceOrderOutcome(orderId: order.id, failure: nil)
    }

    /// The bracket rule that `command` breaks, if any. Ticks are direction-signed: a long entry
    /// needs a negative stop loss and a positive take profit, a short entry the opposite.
    func bracketRejection(_ command: PlaceOrderCommand, side: SimOrderSide, mode: BracketMode) -> String? {
        if mode == .positionBrackets {
            return "Brackets cannot be used with Position Brackets. You must enable Auto OCO Brackets."
        }
        let direction = side == .bid ? "long" : "short"
        if let stopLoss = command.stopLossBracket {
            guard [SimOrderType.stop, .stopLimit, .trailingStop].contains(SimOrderType(rawValue: stopLoss.type)) else {
                return "Invalid stop loss bracket order type (\(stopLoss.type))."
            }
            let valid = side == .bid ? stopLoss.ticks < 0 : stopLoss.ticks > 0
            if !valid {
                return "Invalid stop loss ticks (\(stopLoss.ticks)). Ticks should be \(side == .bid ? "less" : "greater") than zero when going \(direction)"
            }
        }
        if let takeProfit = command.takeProfitBracket {
            guard SimOrderType(rawValue: takeProfit.type) == .limit else {
                return "Invalid take profit bracket order type (\(takeProfit.type))."
            }
            let valid = side == .bid ? takeProfit.ticks > 0 : takeProfit.ticks < 0
            if !valid {
                return "Invalid take profit ticks (\(takeProfit.ticks)). Ticks should be \(side == .bid ? "greater" : "less") than zero when going \(direction)"
            }
        }
        return nil
    }

    /// Bracket children are created with the entry, Suspended, priced when the entry fills.
    func createSuspendedChildren(of parent: SimOrder) {
        var children: [SimOrder] = []
        for (spec, suffix) in [(parent.pendingStopLoss, "-SL"), (parent.pendingTakeProfit, "-TP")] {
            guard let spec, let type = SimOrderType(rawValue: spec.type) else { continue }
            children.append(SimOrder(
                id: allocateOrderId(), accountId: parent.accountId, contractId: parent.contractId,
                symbolId: parent.symbolId, contract: parent.contract, creationTimestamp: parent.creationTimestamp,
                updateTimestamp: parent.creationTimestamp, status: .suspended, type: type, side: parent.side.opposite,
                size: parent.size, limitTicks: nil, stopTicks: nil, trailTicks: nil, fillVolume: 0, filledTicks: nil,
                customTag: parent.customTag.map { $0 + suffix }, parentOrderId: parent.id, linkedOrderId: nil,
                pendingStopLoss: suffix == "-SL" ? spec : nil, pendingTakeProfit: suffix == "-TP" ? spec : nil
            ))
        }
        if children.count == 2 {
            children[0].linkedOrderId = children[1].id
            children[1].linkedOrderId = children[0].id
        }
        bracketChildren[parent.id] = children.map(\.id)
        for child in children { store(child) }
    }
}

/// Resolved order prices in ticks.
struct OrderPrices {
    var limit: Int64?
    var stop: Int64?
    var trail: Int64?
}

/// A rejection message (a `Result` failure needs an `Error`).
struct RejectionMessage: Error {
    let text: String
}

extension Exchange {
    /// Validates and resolves the prices of a new order against the current touch.
    static func prices(
        for command: PlaceOrderCommand, type: SimOrderType, side: SimOrderSide, contract: SimContract, touch: MarketTouch
    ) -> Result<OrderPrices, RejectionMessage> {
        func aligned(_ price: Decimal?, _ label: String) -> Result<Int64, RejectionMessage> {
            guard let price else { return .failure(RejectionMessage(text: "\(label.capitalized) price is required for this order type.")) }
            guard let ticks = contract.ticks(of: price), ticks > 0 else {
                return .failure(RejectionMessage(text: "Invalid \(label) price. Price is not aligned to tick size."))
            }
            return .success(ticks)
        }
        func stopSideCheck(_ stop: Int64) -> RejectionMessage? {
            if side == .bid, stop <= touch.last {
                return RejectionMessage(text: "Invalid stop price. A buy stop must be above the last price (\(contract.price(ofTicks: touch.last))).")
            }
            if side == .ask, stop >= touch.last {
                return RejectionMessage(text: "Invalid stop price. A sell stop must be below the last price (\(contract.price(ofTicks: touch.last))).")
            }
            return nil
        }
        switch type {
        case .market, .unknown:
            return .success(OrderPrices())
        case .joinBid:
            return .success(OrderPrices(limit: touch.bestBid))
        case .joinAsk:
            return .success(OrderPrices(limit: touch.bestAsk))
        case .limit:
            return aligned(command.limitPrice, "limit").map { OrderPrices(limit: $0) }
        case .stop:
            return aligned(command.stopPrice, "stop").flatMap { stop in
                stopSideCheck(stop).map { .failure($0) } ?? .success(OrderPrices(stop: stop))
            }
        case .stopLimit:
            return aligned(command.stopPrice, "stop").flatMap { stop in
                aligned(command.limitPrice, "limit").flatMap { limit in
                    stopSideCheck(stop).map { .failure($0) } ?? .success(OrderPrices(limit: limit, stop: stop))
                }
            }
        case .trailingStop:
            guard let trailPrice = command.trailPrice else { return .failure(RejectionMessage(text: "Trail Distance not set.")) }
            guard let level = contract.ticks(of: trailPrice) else {
                return .failure(RejectionMessage(text: "Invalid trail price. Price is not aligned to tick size."))
            }
            guard touch.last > 0 else { return .failure(RejectionMessage(text: "Cannot trail without a last price")) }
            let distance = abs(touch.last - level)
            guard distance > 0 else { return .failure(RejectionMessage(text: "Trail Distance not set.")) }
            guard distance <= maximumTrailTicks else {
                return .failure(RejectionMessage(text: "Trail Distance exceeds maximum (\(maximumTrailTicks))"))
            }
            let stop = side == .ask ? touch.last - distance : touch.last + distance
            return .success(OrderPrices(stop: stop, trail: distance))
        }
    }
}
