import NIOConcurrencyHelpers

/// A lock used only for the ordering it gives: the event loop passes it after creating a hub
/// connection, and the task that runs the connection passes it before the connection's first use.
///
/// The connection reaches that task through `EventLoopFuture.get()`, which does order the two
/// sides. Thread Sanitizer cannot see that ordering when the continuation is resumed before the
/// task has finished suspending (the concurrency runtime is not instrumented;
/// swiftlang/swift#57803), and a CI run of `.ci/tsan` reported the connection's initializer
/// against the first read of its logger in `run`. A lock is an ordering it sees. The fence itself
/// must reach both sides by a path TSan sees too, so it is created with the channel's
/// ``HubHTTPChannel/Value`` (which reaches the connection's task through Hummingbird's
/// `NIOAsyncChannel`) and captured by the upgrade pipeline when the request is routed.
final class HandOffFence: Sendable {
    private let lock = NIOLock()

    /// Takes and releases the lock: everything this thread wrote before is ordered before
    /// everything another thread reads after its own `pass()` that follows this one.
    func pass() {
        lock.withLock {}
    }
}
