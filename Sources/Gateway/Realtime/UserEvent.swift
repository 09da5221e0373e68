/// What the user hub delivers, in arrival order.
public enum UserEvent: Sendable {
    case account(Account)
    case order(Order)
    /// A position update; `size == 0` means the position closed.
    case position(Position)
    case trade(Trade)
    /// Updates may have been missed while disconnected; reconcile over REST (open orders,
    /// positions, trades) if the exact history matters. Nothing is replayed by the gateway.
    case gap(reason: String)
    /// Every wanted subscription was (re-)applied on a new connection.
    case live(connectionId: String?)
}
