/// The real outcome of an ambiguous write, as reading back decided it.
enum WriteResolution: Sendable, Hashable {
    /// The write was executed; `finding` says what showed it, `order` is the order read back
    /// (placements, cancellations, modifications).
    case executed(finding: String, order: Order?)
    /// The write was not executed: nothing changed.
    case notExecuted(finding: String)
    /// Still unknown: the look-up failed too, or what it read fits neither outcome.
    case unknown(finding: String)
}
