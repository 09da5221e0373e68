/// A user the simulator accepts, with the state that decides how its logins fail.
public struct SimulatedUser: Sendable, Equatable {
    /// Platform user name (`userName` of loginKey / loginApp).
    public var userName: String
    /// API key accepted by `Auth/loginKey`.
    public var apiKey: String
    /// Password accepted by `Auth/loginApp`.
    public var password: String
    /// False: login fails with 7 AgreementsNotSigned.
    public var agreementsSigned: Bool
    /// False: key login fails with 9 ApiSubscriptionNotFound ("User lacks subscription").
    public var hasApiSubscription: Bool
    /// False: key login fails with 10 ApiKeyAuthenticationDisabled.
    public var apiKeyAuthenticationEnabled: Bool
    /// The user's trading accounts.
    public var accounts: [AccountSeed]

    /// Creates a user.
    public init(
        userName: String, apiKey: String, password: String = "sim-password", agreementsSigned: Bool = true,
        hasApiSubscription: Bool = true, apiKeyAuthenticationEnabled: Bool = true, accounts: [AccountSeed]
    ) {
        self.userName = userName
        self.apiKey = apiKey
        self.password = password
        self.agreementsSigned = agreementsSigned
        self.hasApiSubscription = hasApiSubscription
        self.apiKeyAuthenticationEnabled = apiKeyAuthenticationEnabled
        self.accounts = accounts
    }

    /// The default user name: `simtrader`.
    public static let defaultUserName = "simtrader"
    /// The default API key: `sim-api-key`.
    public static let defaultApiKey = "sim-api-key"

    /// The default user with the default account set (see ``AccountSeed/defaultSet(firstId:)``).
    public static let standard = SimulatedUser(
        userName: defaultUserName, apiKey: defaultApiKey, accounts: AccountSeed.defaultSet(firstId: 8_101_001)
    )
}

/// An application allowed to use `Auth/loginApp`.
public struct AuthorizedApp: Sendable, Equatable {
    public var appId: String
    public var verifyKey: String

    /// Creates an app entry.
    public init(appId: String, verifyKey: String) {
        self.appId = appId
        self.verifyKey = verifyKey
    }

    /// The app id of the docs example, with verify key `sim-verify-key`.
    public static let docsExample = AuthorizedApp(appId: "B76015F2-04D3-477E-9191-C5E22CB2C957", verifyKey: "sim-verify-key")
}
