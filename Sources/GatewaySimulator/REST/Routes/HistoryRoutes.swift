import Hummingbird

extension GatewayAPI {
    /// `History/retrieveBars` (its own rate-limit bucket).
    func registerHistory(on router: Router<Context>) {
        router.post("/api/History/retrieveBars", use: authenticated(RetrieveBarsRequest.self, bucket: .bars) { _, body in
            switch core.bars.bars(for: body.query, catalog: core.catalog, now: core.clock()) {
            case .failure(let failure): return WireResponse.failure(failure, payloadKey: "bars", payload: [BarWire]?.none)
            case .success(let bars): return WireResponse.ok("bars", bars.map(BarWire.init))
            }
        })
    }
}
