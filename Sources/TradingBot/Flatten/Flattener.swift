import Gateway

/// `flatten`'s rounds: remove everything that is open, look again, and repeat until nothing is
/// open or ``maxRounds`` rounds have passed.
///
/// Another look is needed because removing is not atomic: an entry can fill while it is being
/// cancelled (its bracket children then work, and a position opens), and a close or cancel can
/// fail. A failure on one item never stops the others; whatever is still open after the last
/// round is the outcome's ``Outcome/remaining``.
///
/// Reading, sending and pausing are injected, so the rounds run against any gateway: the
/// command wires them to its client, a test can act between the look and the writes.
///
/// ```swift
/// let flattener = Flattener(look: { try await FlattenSnapshot.read(accountId: id, client: client) },
///                           send: { try await $0.send(with: client) }, pause: { try await Task.sleep(for: .milliseconds(500)) })
/// let outcome = try await flattener.run(from: first, accountId: id) { event in print(event) }
/// ```
struct Flattener: Sendable {
    /// Rounds of removal before giving up.
    static let defaultRounds = 5
    /// The pause between a round's writes and the next look, so that the gateway has applied them.
    static let defaultPause: Duration = .milliseconds(500)

    /// What happened, in order, for the command to print.
    enum Event: Sendable {
        /// A round begins with this much still open.
        case round(Int, FlattenSnapshot)
        /// One write was sent; `error` is nil when the gateway accepted it.
        case step(FlattenItem, error: (any Error)?)
    }

    /// How the rounds ended.
    struct Outcome: Sendable, Equatable {
        /// The rounds of removal that ran (0 when the account was flat from the start).
        var rounds: Int
        /// What was still open at the last look (empty when flat).
        var remaining: FlattenSnapshot
        /// Writes the gateway refused or that failed, over all rounds.
        var failedSteps: Int

        var isFlat: Bool { remaining.isFlat }
    }

    var maxRounds = Flattener.defaultRounds
    /// Reads what is open.
    let look: @Sendable () async throws -> FlattenSnapshot
    /// Sends one write.
    let send: @Sendable (WriteRequest) async throws -> Void
    /// Waits before the next look.
    let pause: @Sendable () async throws -> Void

    /// Runs the rounds from `first`, the state already read (and confirmed).
    ///
    /// A failing look ends the run with its error: without a look, nothing true can be said
    /// about what is open.
    func run(from first: FlattenSnapshot, accountId: Int, report: (Event) throws -> Void) async throws -> Outcome {
        var snapshot = first
        var rounds = 0
        var failed = 0
        while !snapshot.isFlat && rounds < maxRounds {
            rounds += 1
            try report(.round(rounds, snapshot))
            for item in snapshot.items {
                try Task.checkCancellation()
                do {
                    try await send(item.request(accountId: accountId))
                    try report(.step(item, error: nil))
                } catch {
                    failed += 1
                    try report(.step(item, error: error))
                }
            }
            try await pause()
            snapshot = try await look()
        }
        return Outcome(rounds: rounds, remaining: snapshot, failedSteps: failed)
    }
}
