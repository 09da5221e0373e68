/// `Auth/loginKey` body.
struct LoginKeyRequest: Decodable, Sendable {
    let userName: String
    let apiKey: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        userName = try c.requiredString("userName")
        apiKey = try c.requiredString("apiKey")
    }
}

/// `Auth/loginApp` body: every field is a required string.
struct LoginAppRequest: Decodable, Sendable {
    let userName: String
    let password: String
    let deviceId: String
    let appId: String
    let verifyKey: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        userName = try c.requiredString("userName")
        password = try c.requiredString("password")
        deviceId = try c.requiredString("deviceId")
        appId = try c.requiredString("appId")
        verifyKey = try c.requiredString("verifyKey")
    }
}
