import Foundation

/// A write whose response was lost, with what reading back needs to decide its outcome.
enum AmbiguousWrite: Sendable, Hashable {
    /// `Order/place` of `request`, whose `customTag` is `tag`, sent at `sentAt`.
    case place(OrderRequest, tag: String, sentAt: Date)
    /// `Order/cancel`.
    case cancel(accountId: Int, orderId: Int64)
    /// `Order/modify`.
    case modify(OrderModification)
    /// `Position/closeContract` (`size` nil) or `Position/partialCloseContract`; `before` is the
    /// position read just before sending (nil: there was none).
    case close(accountId: Int, contractId: String, size: Int?, before: Position?)

    /// The endpoint the write was sent to.
    var endpoint: GatewayEndpoint {
        switch self {
        case .place: .placeOrder
        case .cancel: .cancelOrder
        case .modify: .modifyOrder
        case .close(_, _, let size, _): size == nil ? .closePosition : .partialClosePosition
        }
    }

    /// What is read back, for messages: "looking the order up by its tag px-…".
    var lookUpDescription: String {
        switch self {
        case .place(_, let tag, _): "looking the order up by its tag \(tag)"
        case .cancel(_, let orderId): "reading order \(orderId) back"
        case .modify(let modification): "reading order \(modification.orderId) back"
        case .close(_, let contractId, _, _): "reading the \(contractId) position back"
        }
    }
}
