import SignalRProtocol

/// Answers a handshake request the way ASP.NET Core does (reference §2).
enum HandshakeValidator {
    static let unexpectedError = "An unexpected error occurred during connection handshake."
    static let canceled = "Handshake was canceled."

    /// The response to the handshake request `bytes` (without its record separator).
    static func response(to bytes: ArraySlice<UInt8>) -> HandshakeResponse {
        let request: HandshakeRequest
        do {
            request = try HandshakeRequest.decode(bytes)
        } catch {
            return HandshakeResponse(error: unexpectedError)
        }
        guard request.protocolName == JSONHubProtocol.name else {
            return HandshakeResponse(error: "The protocol '\(request.protocolName)' is not supported.")
        }
        guard request.version <= 2 else {
            return HandshakeResponse(error: "The server does not support version \(request.version) of the '\(request.protocolName)' protocol.")
        }
        return .success
    }
}
