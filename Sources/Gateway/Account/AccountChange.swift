/// One change of an account's state, as ``AccountMonitor`` publishes it: from a user-hub event,
/// or from the difference a new REST snapshot made after a gap.
///
/// ```swift
/// for await case .change(let change) in monitor.updates() {
///     switch change {
///     case .orderFinished(let order): print("order \(order.id) \(order.status)")
///     case .fill(let fill): print("filled \(fill.size) @ \(fill.price)")
///     default: break
///     }
/// }
/// ```
public enum AccountChange: Sendable, Hashable {
    /// The account changed (balance, whether it can trade).
    case account(Account)
    /// A working order is new or changed (placed, modified, partly filled, activated).
    case orderUpdated(Order)
    /// An order is no longer working. From a hub event it carries its final status (filled,
    /// cancelled, rejected, expired); when a snapshot after a gap no longer lists it, it is the
    /// last state known before the gap (look the order up if its final status matters).
    case orderFinished(Order)
    /// A position opened or changed size or average price.
    case positionUpdated(Position)
    /// A position closed; the value is the position with size 0.
    case positionClosed(Position)
    /// A fill of the trading day, new or corrected (voided).
    case fill(Trade)
}
