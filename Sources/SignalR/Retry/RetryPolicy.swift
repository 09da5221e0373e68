/// Decides whether and when a lost connection is reconnected.
///
/// The connection asks the policy after it was lost (with `previousRetryCount` 0) and after each
/// failed reconnect attempt. Returning `nil` stops reconnecting; the connection then becomes
/// ``HubConnectionState/disconnected(error:)``.
///
/// ```swift
/// struct EveryFiveSeconds: RetryPolicy {
///     func nextRetryDelay(_ context: RetryContext) -> Duration? {
///         context.elapsed < .seconds(300) ? .seconds(5) : nil
///     }
/// }
/// ```
public protocol RetryPolicy: Sendable {
    /// The delay before the next attempt, or `nil` to give up.
    func nextRetryDelay(_ context: RetryContext) -> Duration?
}

/// What a ``RetryPolicy`` knows when it is asked.
public struct RetryContext: Sendable, Hashable {
    /// The number of reconnect attempts that failed so far (0 right after the connection was lost).
    /// Immediate retries after an authentication failure are not counted.
    public var previousRetryCount: Int
    /// Time since the connection was lost.
    public var elapsed: Duration
    /// Why the connection was lost, or why the last attempt failed.
    public var retryReason: SignalRError

    public init(previousRetryCount: Int, elapsed: Duration, retryReason: SignalRError) {
        self.previousRetryCount = previousRetryCount
        self.elapsed = elapsed
        self.retryReason = retryReason
    }
}
