import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// Delivers every SIGINT and SIGTERM to a handler for as long as the shell runs, instead of the
/// default action (ending the process). ``cancel()`` restores the default handling.
final class SignalRelay: Sendable {
    private let lock = NIOLock()
    // safe: read and written only while holding `lock` (init aside, before the object is shared);
    // Dispatch sources are not marked Sendable but may be cancelled from any thread.
    nonisolated(unsafe) private var sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        self.signals = signals
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// Stops relaying; the default handlers apply again.
    func cancel() {
        let sources = lock.withLock {
            defer { self.sources = [] }
            return self.sources
        }
        for source in sources { source.cancel() }
        if !sources.isEmpty {
            for number in signals { signal(number, SIG_DFL) }
        }
    }
}
