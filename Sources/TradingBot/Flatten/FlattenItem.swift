import Gateway

/// One thing `flatten` removes: a working order (cancelled) or an open position (closed at
/// market).
enum FlattenItem: Sendable, Equatable {
    case order(Order)
    case position(Position)

    /// The write that removes it.
    func request(accountId: Int) -> WriteRequest {
        switch self {
        case .order(let order): .cancel(accountId: accountId, orderId: order.id)
        case .position(let position): .close(accountId: accountId, contractId: position.contractId)
        }
    }

    /// "order 7100000001 (limit buy of 1 CON.F.US.MES.Z26 at 100, open)", "position
    /// CON.F.US.MES.Z26 (long 2 … at an average of 5000.25)": how the final state names it.
    var name: String {
        switch self {
        case .order(let order): "order \(order.id) (\(RiskSummary.describe(order, contract: nil)))"
        case .position(let position): "position \(position.contractId) (\(RiskSummary.describe(position, contract: nil)))"
        }
    }
}
