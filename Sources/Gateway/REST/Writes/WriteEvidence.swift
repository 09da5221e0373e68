/// What one look-up after an ambiguous write returned.
enum WriteEvidence: Sendable, Hashable {
    /// A placement's look-up: the account's orders created in the search window.
    case orders([Order])
    /// A cancellation's or modification's look-up: the order, nil when the gateway has none.
    case order(Order?)
    /// A close's look-up: the account's open positions.
    case positions([Position])
    /// The look-up itself failed (the reason, for messages).
    case failed(String)
}
