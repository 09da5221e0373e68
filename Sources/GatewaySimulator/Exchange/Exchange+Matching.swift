import Foundation

extension Exchange {
    /// Matches every open order of the updated contracts against the step's touches. Contracts
    /// and orders are visited in sorted order, so matching is deterministic.
    public func marketDidUpdate(_ summary: MarketStepSummary) {
        for contractId in workingByContract.keys.sorted() {
            guard let touch = summary.touches[contractId], let working = workingByContract[contractId], !working.isEmpty else {
                continue
            }
            for id in working.sorted() {
                evaluate(id, touch: touch, justActivated: false)
            }
        }
    }

    /// Runs an order that was just placed, modified or activated against the current touch.
    func execute(_ id: Int64, justActivated: Bool) {
        guard let order = orders[id], let touch = feed.touch(of: order.contractId) else { return }
        evaluate(id, touch: touch, justActivated: justActivated)
    }

    /// One order against one touch. `justActivated` orders take liquidity at the touch; resting
    /// limits fill at their own price.
    func evaluate(_ id: Int64, touch: MarketTouch, justActivated: Bool) {
        guard var order = orders[id], order.status == .open else { return }
        let high = max(touch.last, touch.tradeHigh ?? touch.last)
        let low = min(touch.last, touch.tradeLow ?? touch.last)
        switch order.type {
        case .market, .unknown:
            fill(id, atTicks: order.side == .bid ? touch.bestAsk : touch.bestBid)
        case .limit, .joinBid, .joinAsk:
            fillLimitIfReached(order, touch: touch, low: low, high: high, takesLiquidity: justActivated)
        case .stop:
            if stopHit(order, low: low, high: high) {
                fill(id, atTicks: order.side == .bid ? touch.bestAsk : touch.bestBid)
            }
        case .trailingStop:
            if let distance = order.trailTicks, let stop = order.stopTicks {
                let candidate = order.side == .ask ? high - distance : low + distance
                let improves = order.side == .ask ? candidate > stop : candidate < stop
                if improves && !stopHit(order, low: low, high: high) {
                    order.stopTicks = candidate
                    order.updateTimestamp = now()
                    store(order)
                    return
                }
            }
            if stopHit(order, low: low, high: high) {
                fill(id, atTicks: order.side == .bid ? touch.bestAsk : touch.bestBid)
            }
        case .stopLimit:
            if !order.triggered {
                guard stopHit(order, low: low, high: high) else { return }
                order.triggered = true
                order.updateTimestamp = now()
                store(order)
                fillLimitIfReached(order, touch: touch, low: low, high: high, takesLiquidity: true)
            } else {
                fillLimitIfReached(order, touch: touch, low: low, high: high, takesLiquidity: justActivated)
            }
        }
    }

    private func stopHit(_ order: SimOrder, low: Int64, high: Int64) -> Bool {
        guard let stop = order.stopTicks else { return false }
        return order.side == .bid ? high >= stop : low <= stop
    }

    private func fillLimitIfReached(_ order: SimOrder, touch: MarketTouch, low: Int64, high: Int64, takesLiquidity: Bool) {
        guard let limit = order.limitTicks else { return }
        if order.side == .bid {
            if touch.bestAsk <= limit {
                fill(order.id, atTicks: takesLiquidity ? touch.bestAsk : limit)
            } else if !takesLiquidity, low < limit {
                fill(order.id, atTicks: limit)
            }
        } else {
            if touch.bestBid >= limit {
                fill(order.id, atTicks: takesLiquidity ? touch.bestBid : limit)
            } else if !takesLiquidity, high > limit {
                fill(order.id, atTicks: limit)
            }
        }
    }

    /// Fills the whole order at `ticks`: order, trade, position and account updates in that
    /// order; then activates bracket children or cancels the OCO sibling.
    func fill(_ id: Int64, atTicks ticks: Int64) {
        guard var order = orders[id], order.status == .open else { return }
        let timestamp = now()
        order.status = .filled
        order.fillVolume = order.size
        order.filledTicks = ticks
        order.updateTimestamp = timestamp
        store(order)
        applyFill(order, ticks: ticks, at: timestamp)
        if let sibling = order.linkedOrderId, orders[sibling]?.status.isWorking == true {
            transition(sibling, to: .cancelled)
        }
        activateChildren(of: order, fillTicks: ticks)
    }

    /// Prices and opens the bracket children of a filled entry.
    private func activateChildren(of parent: SimOrder, fillTicks: Int64) {
        for childId in bracketChildren[parent.id] ?? [] {
            guard var child = orders[childId], child.status == .suspended else { continue }
            if let spec = child.pendingStopLoss {
                let level = fillTicks + Int64(spec.ticks)
                child.stopTicks = level
                if child.type == .stopLimit { child.limitTicks = level }
                if child.type == .trailingStop { child.trailTicks = Int64(abs(spec.ticks)) }
            } else if let spec = child.pendingTakeProfit {
                child.limitTicks = fillTicks + Int64(spec.ticks)
            }
            child.pendingStopLoss = nil
            child.pendingTakeProfit = nil
            child.size = parent.size
            child.status = .open
            child.updateTimestamp = now()
            store(child)
        }
        for childId in bracketChildren[parent.id] ?? [] {
            execute(childId, justActivated: false)
        }
    }
}
