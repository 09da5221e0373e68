import Gateway

extension RiskSummary {
    /// A close at market: the position as it is (side, size, average price), how much of it
    /// closes, and what a tick is worth on that many contracts.
    ///
    /// - Parameters:
    ///   - position: the open position in the contract, or nil when none is listed.
    ///   - size: the contracts to close, or nil for the whole position.
    static func close(_ position: Position?, contract: Contract, size: Int?) -> [String] {
        guard let position else {
            return ["no open position in \(label(contract.id, contract)) is listed; the gateway will refuse the close"]
        }
        var details = ["position: \(describe(position, contract: contract))"]
        let closing = min(size ?? position.size, position.size)
        details.append(size == nil || closing == position.size ? "closing all \(position.size) at market" : "closing \(closing) of \(position.size) at market")
        details.append(tickLine(contract: contract, size: closing))
        return details
    }

    /// Everything `flatten` will cancel and close, one line each.
    static func flatten(orders: [Order], positions: [Position], contracts: [String: Contract]) -> [String] {
        cancellation(of: orders, contracts: contracts)
            + positions.map { "position: \(describe($0, contract: contracts[$0.contractId])), closed at market" }
    }

    /// "cancel 3 working orders and close 1 position at market".
    static func flattenAction(orders: Int, positions: Int) -> String {
        var parts: [String] = []
        if orders > 0 { parts.append("cancel \(orders) working order\(orders == 1 ? "" : "s")") }
        if positions > 0 { parts.append("close \(positions) position\(positions == 1 ? "" : "s") at market") }
        return parts.isEmpty ? "do nothing (already flat)" : parts.joined(separator: " and ")
    }

    /// "long 3 MESZ6 (CON.F.US.MES.Z26) at an average of 5000.25".
    static func describe(_ position: Position, contract: Contract?) -> String {
        "\(Formatting.positionType(position.type)) \(position.size) \(label(position.contractId, contract)) at an average of \(Formatting.price(position.averagePrice))"
    }
}
