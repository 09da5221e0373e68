import SignalRProtocol
import NIOConcurrencyHelpers

extension HubServer {
    /// Answers negotiate (reference §1.1-1.2): `negotiateVersion` = min(requested, 1), a missing
    /// parameter meaning 0; a fresh `connectionId`, plus a `connectionToken` from version 1; only
    /// WebSockets (Text and Binary) offered. The connection then waits for its socket for
    /// `negotiationTimeout`.
    func negotiate(_ request: HubAuthenticationRequest) async -> NegotiateAnswer {
        if let override = faults.withLockedValue({ $0.takeNegotiateOverride() }) {
            switch override {
            case .error(let message):
                return .json(NegotiateResponse.error(message).encoded())
            case .redirect(let url, let accessToken):
                return .json(NegotiateResponse.redirect(url: url, accessToken: accessToken).encoded())
            case .status(let status):
                return .status(status)
            }
        }
        let principal: HubPrincipal
        switch await authenticate(request) {
        case .reject(let status):
            logger.debug("Negotiate rejected by authentication", metadata: ["status": .stringConvertible(status.code)])
            return .status(status)
        case .accept(let accepted):
            principal = accepted
        }
        let version: Int
        switch Self.negotiateVersion(request.query["negotiateVersion"]) {
        case .success(let requested):
            version = requested
        case .failure(let error):
            return .json(NegotiateResponse.error(error.message).encoded())
        }
        let connectionId = ConnectionIDGenerator.make()
        let token = version >= 1 ? ConnectionIDGenerator.make() : connectionId
        let now = ContinuousClock.now
        registry.addPending(
            PendingConnection(connectionId: connectionId, transportId: token, principal: principal, createdAt: now),
            now: now,
            timeout: configuration.negotiationTimeout
        )
        let connection = NegotiatedConnection(
            negotiateVersion: version,
            connectionId: connectionId,
            connectionToken: version >= 1 ? token : nil,
            availableTransports: [.webSockets]
        )
        return .json(NegotiateResponse.connection(connection).encoded())
    }

    /// The version to answer for the query's `negotiateVersion`, with ASP.NET Core's errors.
    static func negotiateVersion(_ parameter: String?) -> Result<Int, HubProtocolError> {
        guard let parameter else { return .success(0) }
        guard let requested = Int(parameter) else {
            return .failure(HubProtocolError("The client requested an invalid protocol version '\(parameter)'"))
        }
        guard requested >= 0 else {
            return .failure(HubProtocolError("The client requested version '\(requested)', but the server does not support this version."))
        }
        return .success(min(requested, 1))
    }
}
