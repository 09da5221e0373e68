import Dispatch
import Foundation

/// Waits for SIGINT (Ctrl-C) or SIGTERM, so that long-running commands stop cleanly instead of
/// being killed mid-write. After the first signal the default handling is restored, so a second
/// Ctrl-C ends the process at once.
///
/// ```swift
/// let signals = TerminationSignal.listen()   // from here on, Ctrl-C is caught
/// print("Press Ctrl-C to stop.")
/// let number = await signals.next()
/// ```
enum TerminationSignal {
    /// Starts catching `signals` now (synchronously, so that a signal sent right after, say, a
    /// "Press Ctrl-C" line is never lost to the default handler) and returns the stream of them.
    static func listen(for signals: [Int32] = [SIGINT, SIGTERM]) -> Listener {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = signals.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        let box = SourceBox(sources: sources, signals: signals)
        continuation.onTermination = { _ in box.cancel() }
        return Listener(stream: stream)
    }

    /// Suspends until one of `signals` arrives and returns its number (SIGTERM when cancelled).
    static func wait(for signals: [Int32] = [SIGINT, SIGTERM]) async -> Int32 {
        await listen(for: signals).next()
    }

    /// Caught signals; waiting ends the catching and restores the default handlers.
    struct Listener: Sendable {
        let stream: AsyncStream<Int32>

        func next() async -> Int32 {
            for await number in stream { return number }
            return SIGTERM
        }
    }

    /// Holds the dispatch sources until the wait ends, then cancels them and restores the
    /// default handlers.
    private final class SourceBox: @unchecked Sendable {
        // Only touched in `cancel()`, which the stream calls once.
        private let sources: [any DispatchSourceSignal]
        private let signals: [Int32]

        init(sources: [any DispatchSourceSignal], signals: [Int32]) {
            self.sources = sources
            self.signals = signals
        }

        func cancel() {
            for source in sources { source.cancel() }
            for number in signals { signal(number, SIG_DFL) }
        }
    }
}
