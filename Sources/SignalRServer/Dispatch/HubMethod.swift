import SignalRProtocol

/// A hub method: receives the call, returns the result (`nil` for a void method).
public typealias HubMethodHandler = @Sendable (HubCall) async throws -> RawJSON?

/// A streaming hub method: writes items to the stream writer; returning ends the stream.
public typealias HubStreamHandler = @Sendable (HubCall, HubStreamWriter) async throws -> Void

/// A registered method.
enum HubMethod: Sendable {
    case unary(HubMethodHandler)
    case stream(HubStreamHandler)
}
