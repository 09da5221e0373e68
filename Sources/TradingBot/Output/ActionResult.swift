import Gateway

/// The JSON line of a command that changes something (`order place`, `order cancel`,
/// `order modify`, `close`, `flatten`): what was done, to what, and whether the gateway accepted
/// it. Field names follow the gateway's (`accountId`, `contractId`, `orderId`, `size`).
///
/// When the gateway's answer was lost and the outcome was found by reading back, `resolvedAfter`
/// says how the answer was lost and `finding` what reading back showed (`status`: the order's, as
/// read back).
///
/// ```json
/// {"accountId":8101001,"action":"placeOrder","contractId":"CON.F.US.MES.Z26","customTag":"tb-mfx3k2a1-4k9z0q2b","orderId":7100000001,"success":true}
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
    /// The order's tag (`placeOrder`).
    var customTag: String?
    /// How the answer was lost, when the outcome was found by reading back.
    var resolvedAfter: String?
    /// What reading back showed.
    var finding: String?
    /// The order's status as read back.
    var status: OrderStatus?

    init(
        action: String, accountId: Int, contractId: String? = nil, orderId: Int64? = nil, size: Int? = nil, success: Bool,
        error: String? = nil, customTag: String? = nil, confirmation: WriteConfirmation = .answered, status: OrderStatus? = nil
    ) {
        self.action = action
        self.accountId = accountId
        self.contractId = contractId
        self.orderId = orderId
        self.size = size
        self.success = success
        self.error = error
        self.customTag = customTag
        if case .readBack(let failure, let finding) = confirmation {
            self.resolvedAfter = failure
            self.finding = finding
        }
        self.status = status
    }
}
