import Foundation

extension Exchange {
    /// `Position/closeContract`: flattens the position with a market order.
    public func closePosition(accountId: Int, contractId: String, by userName: String) -> Result<Void, GatewayFailure<ClosePositionErrorCode>> {
        guard let account = account(accountId, ownedBy: userName) else {
            return .failure(GatewayFailure(.accountNotFound, "Account not found."))
        }
        guard let contract = catalog.contract(id: contractId) else {
            return .failure(GatewayFailure(.contractNotFound, "Contract not found."))
        }
        guard contract.isActive else { return .failure(GatewayFailure(.contractNotActive, "Contract is not active.")) }
        guard let position = positions[account.id]?[contract.id] else {
            return .failure(GatewayFailure(.positionNotFound, "Position not found."))
        }
        guard account.seed.simulated else { return .failure(GatewayFailure(.accountRejected, "Live accounts not supported")) }
        guard !marketClosed else { return .failure(GatewayFailure(.orderRejected, "Outside of trading hours.")) }
        guard closeWithMarketOrder(position, size: position.size, contract: contract) else {
            return .failure(GatewayFailure(.orderRejected, nil))
        }
        return .success(())
    }

    /// `Position/partialCloseContract`: reduces the position by `size` with a market order.
    /// `size` must be 1…position size (the whole size closes it).
    public func partiallyClosePosition(
        accountId: Int, contractId: String, size: Int, by userName: String
    ) -> Result<Void, GatewayFailure<PartialClosePositionErrorCode>> {
        guard let account = account(accountId, ownedBy: userName) else {
            return .failure(GatewayFailure(.accountNotFound, "Account not found."))
        }
        guard let contract = catalog.contract(id: contractId) else {
            return .failure(GatewayFailure(.contractNotFound, "Contract not found."))
        }
        guard contract.isActive else { return .failure(GatewayFailure(.contractNotActive, "Contract is not active.")) }
        guard let position = positions[account.id]?[contract.id] else {
            return .failure(GatewayFailure(.positionNotFound, "Position not found."))
        }
        guard size > 0, size <= position.size else {
            return .failure(GatewayFailure(.invalidCloseSize, "Invalid close size (\(size)). Position size is \(position.size)."))
        }
        guard account.seed.simulated else { return .failure(GatewayFailure(.accountRejected, "Live accounts not supported")) }
        guard !marketClosed else { return .failure(GatewayFailure(.orderRejected, nil)) }
        guard closeWithMarketOrder(position, size: size, contract: contract) else {
            return .failure(GatewayFailure(.orderRejected, nil))
        }
        return .success(())
    }

    /// Creates and fills the closing market order. False when there is no price.
    private func closeWithMarketOrder(_ position: SimPosition, size: Int, contract: SimContract) -> Bool {
        let side: SimOrderSide = position.type == .long ? .ask : .bid
        guard let ticks = marketFillTicks(side: side, contractId: contract.id) else { return false }
        let timestamp = now()
        let order = SimOrder(
            id: allocateOrderId(), accountId: position.accountId, contractId: contract.id, symbolId: contract.symbolId,
            contract: contract, creationTimestamp: timestamp, updateTimestamp: timestamp, status: .open, type: .market,
            side: side, size: size, limitTicks: nil, stopTicks: nil, trailTicks: nil, fillVolume: 0, filledTicks: nil,
            customTag: nil, parentOrderId: nil, linkedOrderId: nil, pendingStopLoss: nil, pendingTakeProfit: nil
        )
        store(order)
        fill(order.id, atTicks: ticks)
        return true
    }
}
