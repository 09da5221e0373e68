/// Decides the real outcome of a write whose response was lost, from what look-ups read back: a
/// pure state machine. The client performs its actions (look up, after a pause) and feeds each
/// look-up's result back with the time elapsed since the resolution began.
///
/// - A reading that shows the write executed ends it: executed.
/// - A reading that shows it cannot have executed (the order was already filled before a cancel,
///   the tag belongs to another order) ends it: not executed.
/// - A reading that shows nothing changed yet is taken again after the policy's settle delay,
///   since the write may still be on its way through the gateway; when
///   ``ReconciliationPolicy/readingsForNotExecuted`` readings agree: not executed.
/// - A failed look-up is tried again with a doubling delay; after
///   ``ReconciliationPolicy/lookUpAttempts`` failures, or when the next look-up would start after
///   ``ReconciliationPolicy/timeLimit``: unknown.
///
/// It never asks for the write to be sent again: the only actions are look-ups.
struct WriteResolver: Sendable {
    /// What the client does next.
    enum Action: Sendable, Hashable {
        /// Look up after pausing this long.
        case lookUp(after: Duration)
        /// The outcome is decided.
        case finish(WriteResolution)
    }

    let write: AmbiguousWrite
    let policy: ReconciliationPolicy
    /// Look-ups that failed so far.
    private(set) var failedLookUps = 0
    /// Readings so far that showed nothing changed.
    private(set) var unchangedReadings = 0
    /// The outcome, once decided; later inputs are ignored.
    private(set) var resolution: WriteResolution?

    init(write: AmbiguousWrite, policy: ReconciliationPolicy) {
        self.write = write
        self.policy = policy
    }

    /// The first action: look up at once.
    func start() -> Action {
        if let resolution { return .finish(resolution) }
        return .lookUp(after: .zero)
    }

    /// Takes what a look-up returned, `elapsed` after the resolution began.
    mutating func received(_ evidence: WriteEvidence, elapsed: Duration) -> Action {
        if let resolution { return .finish(resolution) }
        if case .failed(let reason) = evidence {
            failedLookUps += 1
            let failedToo = "\(write.lookUpDescription) failed too (\(failedLookUps) attempt\(failedLookUps == 1 ? "" : "s"), last: \(reason))"
            guard failedLookUps < max(1, policy.lookUpAttempts) else { return finish(.unknown(finding: failedToo)) }
            return next(after: policy.delay(afterFailure: failedLookUps), elapsed: elapsed, orElse: .unknown(finding: "\(failedToo), and the time limit ran out"))
        }
        switch WriteResolver.reading(of: evidence, for: write) {
        case .executed(let finding, let order):
            return finish(.executed(finding: finding, order: order))
        case .notExecuted(let finding):
            return finish(.notExecuted(finding: finding))
        case .unknown(let finding):
            return finish(.unknown(finding: finding))
        case .unchanged(let finding):
            unchangedReadings += 1
            guard unchangedReadings < max(1, policy.readingsForNotExecuted) else { return finish(.notExecuted(finding: finding)) }
            return next(
                after: policy.settleDelay, elapsed: elapsed,
                orElse: .unknown(finding: "\(finding), but the time limit ran out before a second reading could confirm that the write was not executed")
            )
        }
    }

    private mutating func next(after delay: Duration, elapsed: Duration, orElse fallback: WriteResolution) -> Action {
        guard elapsed + delay <= policy.timeLimit else { return finish(fallback) }
        return .lookUp(after: delay)
    }

    private mutating func finish(_ outcome: WriteResolution) -> Action {
        resolution = outcome
        return .finish(outcome)
    }
}
