/// How ``GatewayClient`` finds the real outcome of a write whose response was lost (a timeout, a
/// reset connection, an unreadable or incomplete HTTP 200, an HTTP 5xx).
///
/// The write is never sent again. Instead the client reads back what the write would have
/// changed: a placement is looked up by its `customTag` (`Order/search` over a window around the
/// send time), a cancellation or modification by reading the order (`Order/searchById`), a close
/// by reading the positions (`Position/searchOpen`). "Not executed" is only concluded when
/// ``readingsForNotExecuted`` readings, ``settleDelay`` apart, agree, so that a write still on its
/// way through the gateway is not declared lost. A look-up that fails is tried again with a
/// doubling delay, at most ``lookUpAttempts`` times and within ``timeLimit``; after that the
/// outcome is reported as still unknown.
///
/// ```swift
/// var configuration = GatewayConfiguration.topstepX(credentials: credentials)
/// configuration.reconciliation.settleDelay = .seconds(2)   // a slow gateway
/// configuration.reconciliation.lookUpAttempts = 8
/// ```
public struct ReconciliationPolicy: Sendable, Hashable {
    /// How many look-ups may fail before the outcome is reported unknown. Default 5.
    public var lookUpAttempts: Int
    /// The pause after the first failed look-up; it doubles after each further failure. Default 250 ms.
    public var retryDelay: Duration
    /// The longest pause between failed look-ups. Default 4 s.
    public var maximumRetryDelay: Duration
    /// The pause between two readings that both show the write not executed. Default 1 s.
    public var settleDelay: Duration
    /// How many readings must show the write not executed before that is the outcome. Default 2.
    public var readingsForNotExecuted: Int
    /// How far before the send time a placement is searched for, to allow for a gateway clock
    /// behind ours. Default 10 minutes.
    public var searchWindow: Duration
    /// The longest the whole resolution may take; when a further look-up would start later, the
    /// outcome is reported unknown. Default 60 s.
    public var timeLimit: Duration

    public init(
        lookUpAttempts: Int = 5, retryDelay: Duration = .milliseconds(250), maximumRetryDelay: Duration = .seconds(4),
        settleDelay: Duration = .seconds(1), readingsForNotExecuted: Int = 2, searchWindow: Duration = .seconds(600),
        timeLimit: Duration = .seconds(60)
    ) {
        self.lookUpAttempts = lookUpAttempts
        self.retryDelay = retryDelay
        self.maximumRetryDelay = maximumRetryDelay
        self.settleDelay = settleDelay
        self.readingsForNotExecuted = readingsForNotExecuted
        self.searchWindow = searchWindow
        self.timeLimit = timeLimit
    }

    /// The pause after the `failures`-th failed look-up (1-based): doubling, capped.
    func delay(afterFailure failures: Int) -> Duration {
        var delay = retryDelay
        var step = 1
        while step < failures, delay < maximumRetryDelay {
            delay *= 2
            step += 1
        }
        return min(delay, maximumRetryDelay)
    }
}
