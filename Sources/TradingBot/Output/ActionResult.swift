/// The JSON line of a command that changes something (`order place`, `order cancel`,
/// `order modify`, `close`, `flatten`): what was done, to what, and whether the gateway accepted
/// it. Field names follow the gateway's (`accountId`, `contractId`, `orderId`, `size`).
///
/// ```json
/// {"accountId":8101001,"action":"placeOrder","contractId":"CON.F.US.MES.Z26","orderId":7100000001,"success":true}
/// ```
struct ActionResult: Encodable, Sendable, Equatable {
    /// The gateway operation: `placeOrder`, `cancelOrder`, `modifyOrder`, `closePosition`,
    /// `partialClosePosition`.
    var action: String
    var accountId: Int
    var contractId: String?
    var orderId: Int64?
    var size: Int?
    var success: Bool
    /// Why it failed (only in `flatten`, which carries on after a failure).
    var error: String?
}
