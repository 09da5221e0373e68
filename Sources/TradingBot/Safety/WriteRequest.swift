import Foundation
import Gateway

/// One write to the gateway, as a value: what `--dry-run` prints and what the command otherwise
/// sends, so that the request shown is the request that would go out.
///
/// The bodies of `Order/place` and `Order/modify` are the SDK's own models; those of
/// `Order/cancel` and the two closes are written out here with the same fields as the SDK's
/// (a test posts each printed body to the simulator and checks that it does what the command
/// does).
enum WriteRequest: Sendable, Equatable {
    case place(OrderRequest)
    case modify(OrderModification)
    case cancel(accountId: Int, orderId: Int64)
    case close(accountId: Int, contractId: String)
    case partialClose(accountId: Int, contractId: String, size: Int)

    private struct CancelBody: Encodable, Sendable { var accountId: Int; var orderId: Int64 }
    private struct CloseBody: Encodable, Sendable { var accountId: Int; var contractId: String }
    private struct PartialCloseBody: Encodable, Sendable { var accountId: Int; var contractId: String; var size: Int }

    /// The endpoint it is posted to.
    var endpoint: GatewayEndpoint {
        switch self {
        case .place: .placeOrder
        case .modify: .modifyOrder
        case .cancel: .cancelOrder
        case .close: .closePosition
        case .partialClose: .partialClosePosition
        }
    }

    /// The JSON body, field for field.
    var body: any Encodable & Sendable {
        switch self {
        case .place(let order): order
        case .modify(let modification): modification
        case .cancel(let accountId, let orderId): CancelBody(accountId: accountId, orderId: orderId)
        case .close(let accountId, let contractId): CloseBody(accountId: accountId, contractId: contractId)
        case .partialClose(let accountId, let contractId, let size): PartialCloseBody(accountId: accountId, contractId: contractId, size: size)
        }
    }

    /// Sends it through the SDK, which never sends it twice and resolves a lost answer by reading
    /// back.
    ///
    /// - Returns: the placed order for a placement, and how the write is known to be executed.
    @discardableResult
    func send(with client: GatewayClient) async throws -> (placed: PlacedOrder?, confirmation: WriteConfirmation) {
        switch self {
        case .place(let order):
            let placed = try await client.placeOrder(order)
            return (placed, placed.confirmation)
        case .modify(let modification):
            return (nil, try await client.modifyOrder(modification))
        case .cancel(let accountId, let orderId):
            return (nil, try await client.cancelOrder(accountId: accountId, orderId: orderId))
        case .close(let accountId, let contractId):
            return (nil, try await client.closePosition(accountId: accountId, contractId: contractId))
        case .partialClose(let accountId, let contractId, let size):
            return (nil, try await client.partiallyClosePosition(accountId: accountId, contractId: contractId, size: size))
        }
    }

    /// The line `--dry-run` prints: `POST https://api.topstepx.com/api/Order/cancel {"accountId":1,"orderId":2}`.
    func line(apiRoot: URL) throws -> String {
        "POST \(url(apiRoot: apiRoot)) \(try JSONLines.encode(DryRunRecord.Body(value: body)))"
    }

    /// The full URL under `apiRoot`.
    func url(apiRoot: URL) -> String {
        var root = apiRoot.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + endpoint.path
    }
}
