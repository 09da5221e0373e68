import Foundation
import NIOConcurrencyHelpers

/// The process's stdout or stderr, written with `write(2)` so that a reader that has gone away is
/// an ending, not a crash.
///
/// Foundation's `FileHandle.write(_: Data)` traps on Linux when the write fails, and SwiftNIO
/// ignores `SIGPIPE`, so `trading-bot quote ES | head -1` used to die with SIGILL as soon as `head`
/// exited. Here a failed write (EPIPE, or any other error) marks the stream closed: later writes
/// are dropped, and ``waitUntilClosed()`` returns, which ends a streaming command quietly (see
/// ``Interruption``). Commands that act (`flatten`) go on with their work; only their report is lost.
///
/// ```swift
/// StandardStream.output.write("ESZ6 5000.25\n")
/// if StandardStream.output.isClosed { return }
/// ```
final class StandardStream: Sendable {
    static let output = StandardStream(descriptor: STDOUT_FILENO)
    static let error = StandardStream(descriptor: STDERR_FILENO)

    private struct State {
        var closed = false
        var waiters: [Int: AsyncStream<Void>.Continuation] = [:]
        var nextWaiter = 0
    }

    private let descriptor: Int32
    private let state = NIOLockedValueBox(State())

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether a write has failed (the reader went away); nothing more is written.
    var isClosed: Bool { state.withLockedValue { $0.closed } }

    /// Writes `text` whole, or marks the stream closed when the descriptor refuses it.
    func write(_ text: String) {
        guard !isClosed else { return }
        var text = text
        let written = text.withUTF8 { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let result = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if result > 0 {
                    offset += result
                } else if result < 0 && (errno == EINTR || errno == EAGAIN) {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
        if !written { markClosed() }
    }

    /// Returns once the stream is closed, or when the waiting task is cancelled.
    func waitUntilClosed() async {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let id: Int? = state.withLockedValue { state in
            guard !state.closed else { return nil }
            state.nextWaiter += 1
            state.waiters[state.nextWaiter] = continuation
            return state.nextWaiter
        }
        guard let id else { return }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLockedValue { $0.waiters.removeValue(forKey: id) }
        }
        for await _ in stream { return }
    }

    private func markClosed() {
        let waiters = state.withLockedValue { state -> [AsyncStream<Void>.Continuation] in
            guard !state.closed else { return [] }
            state.closed = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.finish() }
    }
}
