import Foundation
import Hummingbird

extension GatewayAPI {
    /// `Order/place`, `modify`, `cancel`, `search`, `searchOpen`, `searchById`, `v2/query`.
    func registerOrders(on router: Router<Context>) {
        router.post("/api/Order/place", use: authenticatedWrite(.place, PlaceOrderRequest.self) { session, body in
            let outcome = await core.exchange.place(body.command, by: session.userName)
            if let failure = outcome.failure {
                return WireResponse.failure(failure, payloadKey: "orderId", payload: outcome.orderId)
            }
            return WireResponse.ok("orderId", outcome.orderId)
        })
        router.post("/api/Order/modify", use: authenticatedWrite(.modify, ModifyOrderRequest.self) { session, body in
            switch await core.exchange.modify(body.command, by: session.userName) {
            case .failure(let failure): return WireResponse.failure(failure)
            case .success: return WireResponse.ok()
            }
        })
        router.post("/api/Order/cancel", use: authenticatedWrite(.cancel, OrderReferenceRequest.self) { session, body in
            switch await core.exchange.cancel(accountId: body.accountId, orderId: body.orderId, by: session.userName) {
            case .failure(let failure): return WireResponse.failure(failure)
            case .success: return WireResponse.ok()
            }
        })
        router.post("/api/Order/search", use: authenticated(TimeWindowRequest.self) { session, body in
            let result = await core.exchange.orders(
                accountId: body.accountId, from: body.startTimestamp ?? .distantPast, to: body.endTimestamp, by: session.userName
            )
            // Observed: a missing (e.g. misspelt) startTimestamp yields an empty list, not an error.
            if body.startTimestamp == nil, case .success = result { return WireResponse.ok("orders", [OrderWire]()) }
            return ordersResponse(result)
        })
        router.post("/api/Order/searchOpen", use: authenticated(AccountOnlyRequest.self) { session, body in
            ordersResponse(await core.exchange.openOrders(accountId: body.accountId, by: session.userName))
        })
        router.post("/api/Order/searchById", use: authenticated(OrderReferenceRequest.self) { session, body in
            switch await core.exchange.order(id: body.orderId, accountId: body.accountId, by: session.userName) {
            case .failure(let failure): return WireResponse.failure(failure, payloadKey: "order", payload: OrderWire?.none)
            case .success(let order): return WireResponse.ok("order", OrderWire(order))
            }
        })
        router.post("/api/Order/v2/query", use: authenticated(OrderQueryRequest.self) { session, body in
            let query: SimOrderQuery
            switch body.validated() {
            case .failure(let validation): return WireResponse.problem(validation.errors)
            case .success(let valid): query = valid
            }
            switch await core.exchange.query(query, by: session.userName) {
            case .failure(let failure):
                return WireResponse.json(OrderQueryResponse(
                    orders: nil, totalCount: nil, success: false, errorCode: failure.code.rawValue,
                    errorMessage: failure.message
                ))
            case .success(let page):
                return WireResponse.json(OrderQueryResponse(
                    orders: page.orders.map(OrderWire.init),
                    totalCount: body.includeTotalCount ? page.total : nil,
                    success: true, errorCode: 0, errorMessage: nil
                ))
            }
        })
    }

    private func ordersResponse(_ result: Result<[SimOrder], GatewayFailure<AccountSearchErrorCode>>) -> Response {
        switch result {
        case .failure(let failure): WireResponse.failure(failure, payloadKey: "orders", payload: [OrderWire]?.none)
        case .success(let orders): WireResponse.ok("orders", orders.map(OrderWire.init))
        }
    }
}

/// `Order/v2/query` response: two payload fields, `orders` and `totalCount`, both nullable.
struct OrderQueryResponse: Encodable {
    let orders: [OrderWire]?
    let totalCount: Int?
    let success: Bool
    let errorCode: Int
    let errorMessage: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        try container.encode(orders, forKey: WireKey("orders"))
        try container.encode(totalCount, forKey: WireKey("totalCount"))
        try container.encode(success, forKey: WireKey("success"))
        try container.encode(errorCode, forKey: WireKey("errorCode"))
        try container.encode(errorMessage, forKey: WireKey("errorMessage"))
    }
}
