/// What ``AccountMonitor/updates()`` delivers, in order: first the state and status when the
/// stream began, then the state's changes and the monitor's status changes. A gap is
/// `.status(.synchronizing(reason:))`; `.status(.inSync)` follows once the state is rebuilt,
/// after the changes the new snapshot made. Applying the changes, in order, to the first
/// element's state gives ``AccountMonitor/snapshot``.
public enum AccountUpdate: Sendable, Hashable {
    /// The first element of every stream: the state and status at that point of the stream.
    case initial(AccountSnapshot, AccountMonitorStatus)
    case change(AccountChange)
    case status(AccountMonitorStatus)
    /// This consumer fell behind and lost updates: ``AccountMonitor/snapshot`` has the whole state.
    case overflow
}
