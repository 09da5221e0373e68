import Hummingbird

/// The hub-wide fault switches, kept under the hub's lock.
struct HubFaultState: Sendable {
    /// Upgrades still to refuse, and with which status.
    var refusedUpgrades = 0
    var refusalStatus = HTTPResponse.Status.unauthorized
    var negotiateOverride: NegotiateOverride?
    /// How many more negotiates get the override; `nil` for all until cleared.
    var negotiateOverrideRemaining: Int?
    /// Framing and silence given to new connections.
    var framing = HubFraming.normal
    var silent = false

    /// Consumes one refusal if any is left.
    mutating func takeRefusal() -> HTTPResponse.Status? {
        guard refusedUpgrades > 0 else { return nil }
        refusedUpgrades -= 1
        return refusalStatus
    }

    /// Consumes one use of the negotiate override if any.
    mutating func takeNegotiateOverride() -> NegotiateOverride? {
        guard let override = negotiateOverride else { return nil }
        if let remaining = negotiateOverrideRemaining {
            if remaining <= 1 {
                negotiateOverride = nil
                negotiateOverrideRemaining = nil
            } else {
                negotiateOverrideRemaining = remaining - 1
            }
        }
        return override
    }
}
