/// `LoginErrorCode` (loginKey and loginApp).
public enum LoginErrorCode: Int, Sendable, CaseIterable {
    case success = 0, userNotFound, passwordVerificationFailed, invalidCredentials, appNotFound
    case appVerificationFailed, invalidDevice, agreementsNotSigned, unknownError, apiSubscriptionNotFound
    case apiKeyAuthenticationDisabled
}

/// `ValidateErrorCode`.
public enum ValidateErrorCode: Int, Sendable, CaseIterable {
    case success = 0, invalidSession, sessionNotFound, expiredToken, unknownError
}

/// `LogoutErrorCode`.
public enum LogoutErrorCode: Int, Sendable, CaseIterable {
    case success = 0, invalidSession, unknownError
}
