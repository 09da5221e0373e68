import Hummingbird
import SignalRServer

/// Answers plain HTTP requests to a hub path (no WebSocket upgrade) the way ASP.NET Core's
/// connection dispatcher does for a WebSockets-only hub: first the token (401 without a valid
/// one), then `400 Connection ID required` without an `id`, else `404 No Connection with that ID`
/// (the simulator offers no Server-Sent Events or Long Polling, so no id is ever valid here).
///
/// ```swift
/// HubPlainHTTPRoutes(core: core).register(at: "/hubs/market", on: router)
/// ```
struct HubPlainHTTPRoutes: Sendable {
    let core: SimulatorCore

    func register<Context: RequestContext>(at path: String, on router: Router<Context>) {
        for method in [HTTPRequest.Method.get, .post, .delete] {
            router.on(RouterPath(path), method: method) { request, _ in
                await answer(request)
            }
        }
    }

    private func answer(_ request: Request) async -> Response {
        let token = GatewayAPI<SimulatorRequestContext>.bearerToken(of: request)
        if case .rejected(let rejection) = await core.verify(token: token) {
            return WireResponse.unauthorized(rejection)
        }
        let hasId = request.uri.queryParameters["id"].map { !$0.isEmpty } ?? false
        return WireResponse.text(hasId ? "No Connection with that ID" : "Connection ID required", status: hasId ? .notFound : .badRequest)
    }
}
