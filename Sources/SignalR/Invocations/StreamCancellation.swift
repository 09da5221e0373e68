/// Sends `CancelInvocation` when the last copy of a ``HubStream`` (or its iterator) goes away
/// before the server ended the stream. The connection ignores a cancel for a finished stream.
final class StreamCancellation: Sendable {
    let invocationId: String
    private let cancel: @Sendable (String) -> Void

    init(invocationId: String, cancel: @escaping @Sendable (String) -> Void) {
        self.invocationId = invocationId
        self.cancel = cancel
    }

    deinit {
        cancel(invocationId)
    }
}
