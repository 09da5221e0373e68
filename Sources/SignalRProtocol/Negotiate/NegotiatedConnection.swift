/// A connection the server prepared in answer to negotiate.
public struct NegotiatedConnection: Sendable, Hashable {
    /// A transport the server offers and the transfer formats it supports on it.
    public struct Transport: Sendable, Hashable {
        public var transport: String
        public var transferFormats: [String]

        public init(transport: String, transferFormats: [String]) {
            self.transport = transport
            self.transferFormats = transferFormats
        }

        /// WebSockets with text and binary frames, as ASP.NET Core offers it.
        public static let webSockets = Transport(transport: "WebSockets", transferFormats: ["Text", "Binary"])
    }

    public var negotiateVersion: Int
    /// The public id other clients address this connection by.
    public var connectionId: String
    /// The secret id of the connection (negotiate version 1 and later).
    public var connectionToken: String?
    public var availableTransports: [Transport]
    public var useStatefulReconnect: Bool

    public init(
        negotiateVersion: Int,
        connectionId: String,
        connectionToken: String?,
        availableTransports: [Transport],
        useStatefulReconnect: Bool = false
    ) {
        self.negotiateVersion = negotiateVersion
        self.connectionId = connectionId
        self.connectionToken = connectionToken
        self.availableTransports = availableTransports
        self.useStatefulReconnect = useStatefulReconnect
    }

    /// The value of the `id` query parameter of the transport connect: the connection token, or
    /// the connection id when the server speaks negotiate version 0.
    public var transportId: String {
        negotiateVersion >= 1 ? (connectionToken ?? connectionId) : connectionId
    }

    /// Whether the server offers WebSockets with text frames, which the JSON protocol needs.
    public var offersWebSocketsText: Bool {
        availableTransports.contains { $0.transport == "WebSockets" && $0.transferFormats.contains("Text") }
    }
}
