import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("REST auth", .gated)
struct AuthRESTTests {
    @Test func loginKeySuccessEnvelope() async throws {
        try await withSimulator { sim in
            let result = try await sim.post("/api/Auth/loginKey", ["userName": "simtrader", "apiKey": "sim-api-key", "extra": 1])
            #expect(result.status == 200)
            let json = result.json
            #expect(json["success"] as? Bool == true)
            #expect(integer(json["errorCode"]) == 0)
            #expect(json["errorMessage"] is NSNull, "errorMessage is present and null")
            let token = try #require(json["token"] as? String)
            #expect(jwtSegment(token, 0)["alg"] as? String == "HS256")
            let claims = jwtSegment(token, 1)
            #expect(claims["sub"] as? String == "simtrader")
            #expect(integer(claims["exp"]).map { $0 - Int(testEpoch.timeIntervalSince1970) } == 86_400)
        }
    }

    @Test func loginKeyFailuresAreHTTP200() async throws {
        let locked = SimulatedUser(userName: "noagree", apiKey: "k1", agreementsSigned: false, accounts: [])
        let unsubscribed = SimulatedUser(userName: "nosub", apiKey: "k2", hasApiSubscription: false, accounts: [])
        let disabled = SimulatedUser(userName: "nokey", apiKey: "k3", apiKeyAuthenticationEnabled: false, accounts: [])
        try await withSimulator({ $0.users = [.standard, locked, unsubscribed, disabled] }) { sim in
            let cases: [([String: Any], Int)] = [
                (["userName": "simtrader", "apiKey": "wrong"], 3),
                (["userName": "sim-api-key", "apiKey": "simtrader"], 3),
                (["userName": "nobody", "apiKey": "sim-api-key"], 3),
                (["userName": "noagree", "apiKey": "k1"], 7),
                (["userName": "nosub", "apiKey": "k2"], 9),
                (["userName": "nokey", "apiKey": "k3"], 10),
            ]
            for (body, code) in cases {
                let result = try await sim.post("/api/Auth/loginKey", body)
                #expect(result.status == 200)
                #expect(result.json["success"] as? Bool == false)
                #expect(integer(result.json["errorCode"]) == code)
                #expect(result.json["token"] is NSNull)
            }
            let agreements = try await sim.post("/api/Auth/loginKey", ["userName": "noagree", "apiKey": "k1"])
            #expect(agreements.json["errorMessage"] as? String == "Please log into the ProjectX platform and complete the required agreements")
        }
    }

    @Test func loginBodiesThatDoNotBindAre400() async throws {
        try await withSimulator { sim in
            let missing = try await sim.post("/api/Auth/loginKey", ["userName": "simtrader"])
            #expect(missing.status == 400)
            #expect(missing.headers["content-type"]?.hasPrefix("application/problem+json") == true)
            let errors = try #require(missing.json["errors"] as? [String: [String]])
            #expect(errors["ApiKey"] == ["The ApiKey field is required."])
            #expect(integer(missing.json["status"]) == 400)
            #expect((try await sim.post("/api/Auth/loginKey", raw: nil)).status == 400)
            #expect((try await sim.post("/api/Auth/loginKey", raw: "{not json")).status == 400)
            #expect((try await sim.post("/api/Auth/loginKey", ["userName": "simtrader", "apiKey": NSNull()])).status == 400)
            let app = try await sim.post("/api/Auth/loginApp", ["userName": "simtrader", "password": "sim-password"])
            #expect(app.status == 400)
        }
    }

    @Test func loginApp() async throws {
        try await withSimulator { sim in
            let body: [String: Any] = [
                "userName": "simtrader", "password": "sim-password", "deviceId": "dev-1",
                "appId": "B76015F2-04D3-477E-9191-C5E22CB2C957", "verifyKey": "sim-verify-key",
            ]
            let ok = try await sim.post("/api/Auth/loginApp", body)
            #expect(ok.json["success"] as? Bool == true && ok.json["token"] is String)
            for (field, value, code) in [("userName", "ghost", 1), ("password", "nope", 2), ("appId", "00000000-0000-0000-0000-000000000000", 4), ("verifyKey", "bad", 5), ("deviceId", "", 6)] {
                var wrong = body
                wrong[field] = value
                let result = try await sim.post("/api/Auth/loginApp", wrong)
                #expect(result.status == 200 && integer(result.json["errorCode"]) == code, "\(field)")
            }
        }
    }

    @Test func bearerHeaderAndAccessTokenQuery() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 200)
            let viaQuery = try await sim.post("/api/Account/search?access_token=\(token)", raw: #"{"onlyActiveAccounts":true}"#)
            #expect(viaQuery.status == 200)
            let missing = try await sim.post("/api/Account/search", ["onlyActiveAccounts": true])
            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"] == "Bearer")
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: "garbage")).status == 401)
            var tampered = Array(token)
            tampered[tampered.count - 3] = tampered[tampered.count - 3] == "A" ? "B" : "A"
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: String(tampered))).status == 401)
        }
    }

    @Test func expiryValidateAndLogout() async throws {
        try await withSimulator({ $0.tokenLifetime = 3_600 }) { sim in
            let token = try await sim.login()
            let validated = try await sim.post("/api/Auth/validate", raw: nil, token: token)
            #expect(validated.status == 200)
            let fresh = try #require(validated.json["newToken"] as? String)
            #expect(fresh != token)
            #expect(validated.json["success"] as? Bool == true)
            sim.clock.advance(by: 3_600)
            let expired = try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)
            #expect(expired.status == 401)
            #expect(expired.headers["www-authenticate"]?.contains("The token expired at") == true)
            #expect((try await sim.post("/api/Auth/validate", raw: nil, token: token)).status == 401)
            let newer = try await sim.login()
            #expect((try await sim.post("/api/Auth/logout", raw: nil, token: newer)).json["success"] as? Bool == true)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: newer)).status == 401)
        }
    }

    @Test func graceWindowAppliesToValidateOnly() async throws {
        try await withSimulator({ $0.tokenLifetime = 60; $0.tokenGraceWindow = 120 }) { sim in
            let token = try await sim.login()
            sim.clock.advance(by: 90)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 401)
            let validated = try await sim.post("/api/Auth/validate", raw: nil, token: token)
            #expect(validated.status == 200 && validated.json["newToken"] is String)
        }
    }

    @Test func adminExpireAllAndValidateFault() async throws {
        try await withSimulator { sim in
            let token = try await sim.login()
            let failing = try await sim.post("/admin/auth/fail-validate", ["count": 1])
            #expect(integer(failing.json["failingValidations"]) == 1)
            let refused = try await sim.post("/api/Auth/validate", raw: nil, token: token)
            #expect(refused.status == 200 && integer(refused.json["errorCode"]) == 2 && refused.json["newToken"] is NSNull)
            #expect((try await sim.post("/api/Auth/validate", raw: nil, token: token)).json["success"] as? Bool == true)
            #expect((try await sim.post("/admin/tokens/expire-all")).status == 200)
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: token)).status == 401)
            let again = try await sim.login()
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: again)).status == 200)
            _ = try await sim.post("/admin/tokens/lifetime", ["seconds": 30])
            let short = try await sim.login()
            #expect(integer(jwtSegment(short, 1)["exp"]).map { $0 - Int(testEpoch.timeIntervalSince1970) } == 30)
            _ = try await sim.post("/admin/tokens/revoke-all")
            #expect((try await sim.post("/api/Account/search", ["onlyActiveAccounts": true], token: short)).status == 401)
        }
    }
}
