/// The answer to `POST {hub}/negotiate`: a connection to open, a redirect, or an error.
///
/// ```swift
/// switch try NegotiateResponse.decode(body) {
/// case .connection(let connection): connect(id: connection.transportId)
/// case .redirect(let url, let accessToken): negotiate(url, accessToken)
/// case .error(let message): fail(message)
/// }
/// ```
public enum NegotiateResponse: Sendable, Hashable {
    case connection(NegotiatedConnection)
    /// Negotiate again at `url`, with `accessToken` in place of the user's token for this start.
    case redirect(url: String, accessToken: String?)
    /// The server refused the connection.
    case error(String)

    /// The text all official clients fail with when an old ASP.NET SignalR server answers.
    public static let aspNetSignalRMessage =
        "Detected a connection attempt to an ASP.NET SignalR Server. This client only supports connecting to an ASP.NET Core SignalR Server. See https://aka.ms/signalr-core-differences for details."

    /// Reads a negotiate response body, ignoring unknown properties.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(HubProtocolError) -> NegotiateResponse {
        var version: Int64 = 0
        var connectionId: String?
        var connectionToken: String?
        var transports: [NegotiatedConnection.Transport]?
        var stateful = false
        var url: String?
        var accessToken: String?
        var error: String?
        var oldServer = false
        var scanner = JSONScanner(bytes)
        try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
            switch key {
            case "negotiateVersion": version = try scanner.readInteger()
            case "connectionId": connectionId = try scanner.readOptionalString()
            case "connectionToken": connectionToken = try scanner.readOptionalString()
            case "availableTransports": transports = try readTransports(&scanner)
            case "useStatefulReconnect": stateful = try scanner.readBool()
            case "url": url = try scanner.readOptionalString()
            case "accessToken": accessToken = try scanner.readOptionalString()
            case "error": error = try scanner.readOptionalString()
            case "ProtocolVersion":
                oldServer = true
                try scanner.skipValue()
            default: try scanner.skipValue()
            }
        }
        if oldServer { throw HubProtocolError(aspNetSignalRMessage) }
        if let error { return .error(error) }
        if let url { return .redirect(url: url, accessToken: accessToken) }
        guard let connectionId else { throw HubProtocolError("The negotiate response has no 'connectionId'.") }
        guard let transports else { throw HubProtocolError("The negotiate response has no 'availableTransports'.") }
        if version >= 1, connectionToken == nil {
            throw HubProtocolError("The negotiate response (version \(version)) has no 'connectionToken'.")
        }
        return .connection(
            NegotiatedConnection(
                negotiateVersion: Int(clamping: version),
                connectionId: connectionId,
                connectionToken: version >= 1 ? connectionToken : nil,
                availableTransports: transports,
                useStatefulReconnect: stateful
            )
        )
    }

    private static func readTransports(_ scanner: inout JSONScanner) throws(HubProtocolError) -> [NegotiatedConnection.Transport] {
        try scanner.expect(UInt8(ascii: "["))
        var result: [NegotiatedConnection.Transport] = []
        if try scanner.consume(UInt8(ascii: "]")) { return result }
        while true {
            var name: String?
            var formats: [String] = []
            try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
                switch key {
                case "transport": name = try scanner.readOptionalString()
                case "transferFormats":
                    for raw in try scanner.readRawArray() {
                        var inner = JSONScanner(raw.bytes)
                        formats.append(try inner.readString())
                    }
                default: try scanner.skipValue()
                }
            }
            guard let name else { throw HubProtocolError("A transport in the negotiate response has no 'transport' name.") }
            result.append(.init(transport: name, transferFormats: formats))
            if try scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "]"))
            return result
        }
    }

    /// The response's JSON body, as a server writes it.
    public func encoded() -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        switch self {
        case .error(let message):
            writer.raw("{\"error\":")
            writer.string(message)
            writer.raw("}")
        case .redirect(let url, let accessToken):
            writer.raw("{\"url\":")
            writer.string(url)
            if let accessToken {
                writer.raw(",\"accessToken\":")
                writer.string(accessToken)
            }
            writer.raw("}")
        case .connection(let connection):
            writer.raw("{\"negotiateVersion\":")
            writer.integer(connection.negotiateVersion)
            writer.raw(",\"connectionId\":")
            writer.string(connection.connectionId)
            if connection.negotiateVersion >= 1, let token = connection.connectionToken {
                writer.raw(",\"connectionToken\":")
                writer.string(token)
            }
            writer.raw(",\"availableTransports\":[")
            for (position, transport) in connection.availableTransports.enumerated() {
                if position > 0 { writer.byte(UInt8(ascii: ",")) }
                writer.raw("{\"transport\":")
                writer.string(transport.transport)
                writer.raw(",\"transferFormats\":")
                writer.stringArray(transport.transferFormats)
                writer.raw("}")
            }
            writer.raw("]")
            if connection.useStatefulReconnect {
                writer.raw(",\"useStatefulReconnect\":true")
            }
            writer.raw("}")
        }
        return writer.bytes
    }
}
