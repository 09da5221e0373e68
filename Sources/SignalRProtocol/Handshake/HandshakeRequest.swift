/// The first message a client sends: `{"protocol":"json","version":1}` followed by `0x1E`.
public struct HandshakeRequest: Sendable, Hashable {
    public var protocolName: String
    public var version: Int

    public init(protocolName: String = JSONHubProtocol.name, version: Int = JSONHubProtocol.version) {
        self.protocolName = protocolName
        self.version = version
    }

    /// The request's bytes, record separator included.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 40)
        writer.raw("{\"protocol\":")
        writer.string(protocolName)
        writer.raw(",\"version\":")
        writer.integer(version)
        writer.raw("}")
        writer.byte(JSONHubProtocol.recordSeparator)
        return writer.bytes
    }

    /// Reads a request (without its record separator), as a server does.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(HubProtocolError) -> HandshakeRequest {
        var protocolName: String?
        var version: Int64?
        var scanner = JSONScanner(bytes)
        try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
            switch key {
            case "protocol": protocolName = try scanner.readOptionalString()
            case "version": version = try scanner.readInteger()
            default: try scanner.skipValue()
            }
        }
        guard let protocolName else { throw HubProtocolError("The handshake request has no 'protocol' property.") }
        guard let version else { throw HubProtocolError("The handshake request has no 'version' property.") }
        return HandshakeRequest(protocolName: protocolName, version: Int(clamping: version))
    }
}
