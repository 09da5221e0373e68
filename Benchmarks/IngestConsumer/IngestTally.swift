import SignalRProtocol

/// What the consumer has seen so far: quotes counted, when the first arrived, the last `seq`, and
/// `Done`. The connection calls its handlers one after another in arrival order; the tally sits
/// in a lock only because those calls and the final read run on different tasks (uncontended:
/// tens of nanoseconds per quote, against microseconds of parsing).
struct IngestTally: Sendable {
    var messages = 0
    var firstQuote: ContinuousClock.Instant?
    /// Set per quote in `typed` mode; in the other modes read once from ``lastPayload`` at the end.
    var lastSeq: Int?
    /// The last quote's object (`payload` and `raw` modes): a slice of its frame, kept so that
    /// `seq` is read once at the end rather than once per quote.
    var lastPayload: RawJSON?
    /// When `Done` arrived and the count it announced.
    var done: (at: ContinuousClock.Instant, announced: Int)?
    /// Quotes that could not be decoded; the typed API logs and skips them, which the count shows.
    var undecodable = 0

    /// Counts one quote.
    mutating func count() {
        if messages == 0 { firstQuote = .now }
        messages += 1
    }
}
