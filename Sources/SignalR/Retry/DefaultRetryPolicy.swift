/// The official clients' policy: wait 0, 2, 10 and 30 seconds before the four attempts, then give up.
///
/// ```swift
/// var options = HubConnectionOptions()
/// options.retryPolicy = DefaultRetryPolicy()                              // 0, 2, 10, 30 s
/// options.retryPolicy = DefaultRetryPolicy(delays: [.zero, .seconds(1)])  // custom list
/// ```
public struct DefaultRetryPolicy: RetryPolicy {
    /// The delay before each attempt; after the last one the policy gives up.
    public var delays: [Duration]

    public init(delays: [Duration] = [.zero, .seconds(2), .seconds(10), .seconds(30)]) {
        self.delays = delays
    }

    public func nextRetryDelay(_ context: RetryContext) -> Duration? {
        guard context.previousRetryCount >= 0, context.previousRetryCount < delays.count else { return nil }
        return delays[context.previousRetryCount]
    }
}
