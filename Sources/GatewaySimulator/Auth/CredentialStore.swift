import Foundation

/// Decides logins: which user a `loginKey` or `loginApp` request names, and which
/// `LoginErrorCode` a wrong one earns.
public struct CredentialStore: Sendable {
    private let users: [SimulatedUser]
    private let apps: [AuthorizedApp]

    /// Creates a store.
    public init(users: [SimulatedUser], apps: [AuthorizedApp]) {
        self.users = users
        self.apps = apps
    }

    private func user(named name: String) -> SimulatedUser? {
        users.first { $0.userName.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// `Auth/loginKey`. An unknown user or a wrong key are both 3 InvalidCredentials (the
    /// gateway does not reveal which).
    public func loginKey(userName: String, apiKey: String) -> Result<SimulatedUser, GatewayFailure<LoginErrorCode>> {
        guard let user = user(named: userName), user.apiKey == apiKey else {
            return .failure(GatewayFailure(.invalidCredentials, "Invalid credentials."))
        }
        if !user.apiKeyAuthenticationEnabled {
            return .failure(GatewayFailure(.apiKeyAuthenticationDisabled, "API key authentication is disabled for this user."))
        }
        if !user.hasApiSubscription {
            return .failure(GatewayFailure(.apiSubscriptionNotFound, "User lacks subscription"))
        }
        if !user.agreementsSigned {
            return .failure(GatewayFailure(.agreementsNotSigned, "Please log into the ProjectX platform and complete the required agreements"))
        }
        return .success(user)
    }

    /// `Auth/loginApp`: unknown user 1, wrong password 2, unknown app 4, wrong verify key 5,
    /// empty device id 6, agreements 7.
    public func loginApp(
        userName: String, password: String, deviceId: String, appId: String, verifyKey: String
    ) -> Result<SimulatedUser, GatewayFailure<LoginErrorCode>> {
        guard let user = user(named: userName) else {
            return .failure(GatewayFailure(.userNotFound, "User not found."))
        }
        guard user.password == password else {
            return .failure(GatewayFailure(.passwordVerificationFailed, "Password verification failed."))
        }
        guard let app = apps.first(where: { $0.appId.caseInsensitiveCompare(appId) == .orderedSame }) else {
            return .failure(GatewayFailure(.appNotFound, "Application not found."))
        }
        guard app.verifyKey == verifyKey else {
            return .failure(GatewayFailure(.appVerificationFailed, "Application verification failed."))
        }
        guard !deviceId.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(GatewayFailure(.invalidDevice, "Invalid device."))
        }
        if !user.agreementsSigned {
            return .failure(GatewayFailure(.agreementsNotSigned, "Please log into the ProjectX platform and complete the required agreements"))
        }
        return .success(user)
    }
}
