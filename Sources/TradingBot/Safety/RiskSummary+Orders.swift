import Gateway

extension RiskSummary {
    /// An order to place: side, size, contract, type and prices; what a tick is worth at this
    /// size; each bracket's distance in ticks and in dollars (ticks × tick value × size), or a
    /// warning that nothing limits the loss.
    static func placement(_ request: OrderRequest, contract: Contract) -> RiskSummary {
        let what = "a \(Formatting.orderType(request.type)) \(Formatting.side(request.side)) of \(request.size) \(label(contract.id, contract))"
        var details = [tickLine(contract: contract, size: request.size)]
        if let stopLoss = request.stopLossBracket {
            details.append(bracketLine("stop loss", ticks: stopLoss.ticks, contract: contract, size: request.size))
        } else {
            details.append("no stop loss bracket: nothing attached limits the loss")
        }
        if let takeProfit = request.takeProfitBracket {
            details.append(bracketLine("take profit", ticks: takeProfit.ticks, contract: contract, size: request.size))
        }
        return RiskSummary(action: "place " + what + prices(limit: Formatting.price(request.limitPrice), stop: Formatting.price(request.stopPrice), trail: Formatting.price(request.trailPrice)), details: details)
    }

    /// Changes to a working order: the order as it is, then each changed field before -> after.
    ///
    /// - Parameter order: the order as the gateway reports it now.
    static func modification(_ change: OrderModification, of order: Order, contract: Contract?) -> [String] {
        var details = ["order \(order.id): \(describe(order, contract: contract))"]
        if let size = change.size { details.append("size \(order.size) -> \(size)") }
        if let limit = change.limitPrice { details.append("limit \(Formatting.price(order.limitPrice).orDash) -> \(Formatting.price(limit))") }
        if let stop = change.stopPrice { details.append("stop \(Formatting.price(order.stopPrice).orDash) -> \(Formatting.price(stop))") }
        if let trail = change.trailPrice { details.append("trail level -> \(Formatting.price(trail))") }
        if let contract { details.append(tickLine(contract: contract, size: change.size ?? order.size)) }
        return details
    }

    /// The orders to cancel, one line each.
    static func cancellation(of orders: [Order], contracts: [String: Contract]) -> [String] {
        orders.map { "order \($0.id): \(describe($0, contract: contracts[$0.contractId]))" }
    }

    /// "limit buy of 1 MESZ6 (CON.F.US.MES.Z26) at 100, open".
    static func describe(_ order: Order, contract: Contract?) -> String {
        "\(Formatting.orderType(order.type)) \(Formatting.side(order.side)) of \(order.size) \(label(order.contractId, contract))"
            + prices(limit: Formatting.price(order.limitPrice), stop: Formatting.price(order.stopPrice), trail: "") + ", \(Formatting.status(order.status))"
    }

    /// " at 5000.25", " stop 4990", " trailing from 4995": the prices that are set (each given
    /// formatted, empty when not set).
    private static func prices(limit: String, stop: String, trail: String) -> String {
        var text = ""
        if !limit.isEmpty { text += " at \(limit)" }
        if !stop.isEmpty { text += " stop \(stop)" }
        if !trail.isEmpty { text += " trailing from \(trail)" }
        return text
    }
}

private extension String {
    /// "-" for an empty price.
    var orDash: String { isEmpty ? "-" : self }
}
