import Foundation

extension WriteResolver {
    /// What one successful look-up shows about the write.
    enum Reading: Sendable, Hashable {
        /// The write's effect is there.
        case executed(finding: String, order: Order?)
        /// The write cannot have been executed.
        case notExecuted(finding: String)
        /// Nothing changed (yet): the write was not executed, or is still on its way.
        case unchanged(finding: String)
        /// The reading fits neither outcome.
        case unknown(finding: String)
    }

    /// Reads `evidence` for `write`.
    static func reading(of evidence: WriteEvidence, for write: AmbiguousWrite) -> Reading {
        switch (write, evidence) {
        case (.place(let request, let tag, _), .orders(let orders)):
            return placement(request, tag: tag, orders: orders)
        case (.cancel(let accountId, let orderId), .order(let order)):
            return cancellation(accountId: accountId, orderId: orderId, order: order)
        case (.modify(let modification), .order(let order)):
            return modified(modification, order: order)
        case (.close(_, let contractId, let size, let before), .positions(let positions)):
            return close(contractId: contractId, size: size, before: before, positions: positions)
        case (_, .failed(let reason)):
            return .unknown(finding: "\(write.lookUpDescription) failed (\(reason))")
        default:
            return .unknown(finding: "\(write.lookUpDescription) returned something that does not describe this write")
        }
    }

    /// A placement: the order carrying the tag, if it is this order.
    private static func placement(_ request: OrderRequest, tag: String, orders: [Order]) -> Reading {
        let tagged = orders.filter { $0.customTag == tag }
        if let order = tagged.first(where: { isPlacement(of: request, $0) }) {
            return .executed(finding: "order \(order.id) carries the tag \(tag) (status \(order.status))", order: order)
        }
        if let other = tagged.first {
            return .notExecuted(
                finding: "the tag \(tag) belongs to order \(other.id) (\(other.side) \(other.size) \(other.contractId)), which is not this order, "
                    + "and the gateway refuses a second order with a tag in use"
            )
        }
        return .unchanged(finding: "no order carries the tag \(tag)")
    }

    /// Whether `order` is what `request` places (prices aside: a market order has none, and a
    /// filled one reports its fill price).
    static func isPlacement(of request: OrderRequest, _ order: Order) -> Bool {
        order.accountId == request.accountId && order.contractId.caseInsensitiveCompare(request.contractId) == .orderedSame
            && order.side == request.side && order.size == request.size && order.type == request.type
    }

    /// A cancellation: the order's status.
    private static func cancellation(accountId: Int, orderId: Int64, order: Order?) -> Reading {
        guard let order else { return .notExecuted(finding: "account \(accountId) has no order \(orderId), so there was nothing to cancel") }
        switch order.status {
        case .cancelled, .pendingCancellation:
            return .executed(finding: "order \(orderId) is \(order.status)", order: order)
        case .open, .pending, .suspended:
            return .unchanged(finding: "order \(orderId) is still \(order.status)")
        case .filled, .expired, .rejected:
            return .notExecuted(finding: "order \(orderId) is \(order.status), so there was nothing to cancel")
        case .none:
            return .unknown(finding: "order \(orderId) has no known status")
        }
    }

    /// A modification: the fields it sets, compared with the order's. A trail price cannot be
    /// compared (the order reports a distance, not the level sent).
    private static func modified(_ modification: OrderModification, order: Order?) -> Reading {
        let orderId = modification.orderId
        guard let order else { return .notExecuted(finding: "account \(modification.accountId) has no order \(orderId), so there was nothing to change") }
        var wanted: [String] = []
        var found: [String] = []
        var matches = true
        if let size = modification.size {
            wanted.append("size \(size)")
            found.append("size \(order.size)")
            matches = matches && order.size == size
        }
        if let limit = modification.limitPrice {
            wanted.append("limit \(limit)")
            found.append("limit \(order.limitPrice.map { "\($0)" } ?? "none")")
            matches = matches && order.limitPrice == limit
        }
        if let stop = modification.stopPrice {
            wanted.append("stop \(stop)")
            found.append("stop \(order.stopPrice.map { "\($0)" } ?? "none")")
            matches = matches && order.stopPrice == stop
        }
        guard !wanted.isEmpty else {
            return .unknown(finding: "order \(orderId) reports its trail as a distance, so a change of trail price cannot be verified by reading it back")
        }
        if matches {
            return .executed(finding: "order \(orderId) has \(wanted.joined(separator: ", ")) (status \(order.status))", order: order)
        }
        if order.status.isWorking {
            return .unchanged(finding: "order \(orderId) still has \(found.joined(separator: ", "))")
        }
        return .notExecuted(finding: "order \(orderId) is \(order.status) with \(found.joined(separator: ", ")), not the requested \(wanted.joined(separator: ", "))")
    }

    /// A close: the position's signed size against the one before and the one the close leaves.
    private static func close(contractId: String, size: Int?, before: Position?, positions: [Position]) -> Reading {
        let current = positions.first { $0.contractId.caseInsensitiveCompare(contractId) == .orderedSame && $0.size != 0 }
        let was = before?.signedSize ?? 0
        let now = current?.signedSize ?? 0
        let what = "the \(contractId) position"
        guard was != 0 else {
            if now == 0 { return .notExecuted(finding: "there was no \(contractId) position to close, and there is none") }
            return .unknown(finding: "there was no \(contractId) position before the close, and now it is \(describe(now))")
        }
        let expected: Int?
        if let size {
            expected = size <= abs(was) ? (was > 0 ? abs(was) - size : -(abs(was) - size)) : nil
        } else {
            expected = 0
        }
        if let expected, now == expected {
            return .executed(finding: "\(what) went from \(describe(was)) to \(describe(now))", order: nil)
        }
        if now == was { return .unchanged(finding: "\(what) is still \(describe(now))") }
        let wanted = expected.map { ", not \(describe($0)) as the close leaves it" } ?? ""
        return .unknown(finding: "\(what) went from \(describe(was)) to \(describe(now))\(wanted): something else traded it")
    }

    /// "long 2", "short 1", "flat".
    static func describe(_ signedSize: Int) -> String {
        signedSize == 0 ? "flat" : signedSize > 0 ? "long \(signedSize)" : "short \(-signedSize)"
    }
}
