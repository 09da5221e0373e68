/// The server's answer to the handshake: `{}` on success, `{"error":"..."}` on failure, each
/// followed by `0x1E`.
public struct HandshakeResponse: Sendable, Hashable {
    /// The server's reason for refusing the handshake; `nil` means success.
    public var error: String?

    public init(error: String? = nil) {
        self.error = error
    }

    /// The successful response `{}`.
    public static let success = HandshakeResponse()

    /// The response's bytes, record separator included.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 16)
        if let error {
            writer.raw("{\"error\":")
            writer.string(error)
            writer.raw("}")
        } else {
            writer.raw("{}")
        }
        writer.byte(JSONHubProtocol.recordSeparator)
        return writer.bytes
    }

    /// Reads a response (without its record separator). Unknown properties (old servers sent
    /// `minorVersion`) are ignored; a hub message in place of the response is an error.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(HubProtocolError) -> HandshakeResponse {
        var error: String?
        var sawType = false
        var scanner = JSONScanner(bytes)
        do {
            try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
                switch key {
                case "error": error = try scanner.readOptionalString()
                case "type":
                    sawType = true
                    try scanner.skipValue()
                default: try scanner.skipValue()
                }
            }
        } catch {
            throw HubProtocolError("Error parsing handshake response: \(error.message)")
        }
        if sawType {
            throw HubProtocolError("Expected a handshake response from the server.")
        }
        return HandshakeResponse(error: error)
    }
}
