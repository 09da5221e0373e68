/// How a connection puts hub messages into WebSocket frames: normally one message per text frame;
/// the other modes are faults that exercise a client's parser.
///
/// ```swift
/// hub.setFraming(.split(maxFrameBytes: 16))                  // every connection, and new ones
/// connection.setFraming(.batch(maxMessages: 4))              // one connection
/// ```
public enum HubFraming: Sendable, Hashable {
    /// One message per text frame, as ASP.NET Core writes.
    case normal
    /// Each message is cut into pieces of at most `maxFrameBytes`, each sent as its own complete
    /// text frame, so a message spans several WebSocket messages (the "partial frame" case of the
    /// reference §3.2, which the client's record-separator framer must reassemble). Cuts fall on
    /// UTF-8 character boundaries so every frame is valid text.
    case split(maxFrameBytes: Int)
    /// Each message is one WebSocket message sent in fragments of at most `maxFrameBytes`: a text
    /// frame without FIN, then continuation frames (reassembled by the client's WebSocket layer).
    case fragment(maxFrameBytes: Int)
    /// Up to `maxMessages` consecutive messages share one text frame. Messages wait at most
    /// `linger` for companions, so a lone message is delayed by `linger`.
    case batch(maxMessages: Int, linger: Duration = .milliseconds(20))
}
