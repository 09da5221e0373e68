import SignalRProtocol
import Synchronization

/// The items of a server-to-client stream, as an `AsyncSequence`. It ends when the server
/// completes the stream, throws ``SignalRError/invocationFailed(method:message:)`` when the hub
/// fails it and ``SignalRError/connectionLost(cause:)`` when the connection ends.
///
/// Cancelling the iterating task, or dropping the stream (and its iterators) before it ended,
/// sends `CancelInvocation` to the server.
///
/// ```swift
/// let counter = try await connection.stream("Counter", 10, 50, of: Int.self)
/// for try await value in counter {
///     if value == 3 { break }    // leaving the loop cancels the stream on the server
/// }
/// ```
public struct HubStream<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    let items: AsyncThrowingStream<RawJSON, any Error>
    let decode: @Sendable (RawJSON) throws -> Element
    let cancellation: StreamCancellation

    /// The invocation id of the stream.
    public var invocationId: String { cancellation.invocationId }

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: items.makeAsyncIterator(), decode: decode, cancellation: cancellation)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<RawJSON, any Error>.AsyncIterator
        let decode: @Sendable (RawJSON) throws -> Element
        let cancellation: StreamCancellation

        public mutating func next() async throws -> Element? {
            guard let raw = try await base.next() else { return nil }
            return try decode(raw)
        }
    }
}

@available(*, unavailable)
extension HubStream.Iterator: Sendable {}
