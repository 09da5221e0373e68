/// A business failure of one endpoint: HTTP 200 with `success:false`, the endpoint's own
/// `errorCode` and an `errorMessage` (which may be null, as on the real gateway).
public struct GatewayFailure<Code: RawRepresentable & Sendable>: Error, Sendable where Code.RawValue == Int {
    /// The endpoint-specific code.
    public let code: Code
    /// The human message, or nil.
    public let message: String?

    /// Creates a failure.
    public init(_ code: Code, _ message: String?) {
        self.code = code
        self.message = message
    }
}
