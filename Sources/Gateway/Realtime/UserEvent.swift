/// What the user hub delivers, in arrival order.
public enum UserEvent: Sendable {
    case account(Account)
    case order(Order)
    /// A position update; `size == 0` means the position closed.
    case position(Position)
    case trade(Trade)
    /// Updates may have been missed (the connection dropped, an event could not be read, or this
    /// consumer fell behind and lost events); reconcile over REST (open orders, positions,
    /// trades), as ``AccountMonitor`` does. Nothing is replayed by the gateway.
    case gap(reason: String)
    /// Every wanted subscription was (re-)applied on a new connection, or a refused one was
    /// accepted on retry. The hub's status says whether one is still refused.
    case live(connectionId: String?)
}
