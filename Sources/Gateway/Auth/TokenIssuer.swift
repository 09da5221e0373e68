/// Where tokens come from: the gateway's login and validate calls. A protocol so that the token
/// lifecycle can be exercised in unit tests with a scripted source.
protocol TokenIssuer: Sendable {
    func login() async throws -> String
    func validate(_ token: String) async throws -> GatewayAuthenticator.ValidateOutcome
}

extension GatewayAuthenticator: TokenIssuer {}
