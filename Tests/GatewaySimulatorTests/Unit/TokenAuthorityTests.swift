import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("TokenAuthority", .gated)
struct TokenAuthorityTests {
    @Test func issuesThreePartHS256JWTWithClaims() async {
        let clock = ManualClock(testEpoch)
        let authority = TokenAuthority(clock: clock.wallClock)
        let issued = await authority.issue(for: "alice")
        #expect(issued.token.split(separator: ".", omittingEmptySubsequences: false).count == 3)
        #expect(!issued.token.contains("="))
        let header = jwtSegment(issued.token, 0)
        #expect(header["alg"] as? String == "HS256")
        #expect(header["typ"] as? String == "JWT")
        let claims = jwtSegment(issued.token, 1)
        #expect(claims["sub"] as? String == "alice")
        #expect((claims["jti"] as? String)?.isEmpty == false)
        #expect(integer(claims["iat"]) == Int(testEpoch.timeIntervalSince1970))
        #expect(integer(claims["exp"]) == Int(testEpoch.timeIntervalSince1970) + 86_400)
        #expect(await authority.verify(issued.token).claims?.sub == "alice")
    }

    @Test func uniqueTokenIds() async {
        let authority = TokenAuthority(clock: ManualClock(testEpoch).wallClock)
        let a = await authority.issue(for: "alice")
        let b = await authority.issue(for: "alice")
        #expect(a.claims.jti != b.claims.jti)
        #expect(a.token != b.token)
    }

    @Test func expiresAgainstInjectedClock() async {
        let clock = ManualClock(testEpoch)
        let authority = TokenAuthority(lifetime: 60, clock: clock.wallClock)
        let issued = await authority.issue(for: "alice")
        clock.advance(by: 59)
        #expect(await authority.verify(issued.token).claims != nil)
        clock.advance(by: 1)
        #expect(await authority.verify(issued.token) == .rejected(.expired(at: testEpoch.addingTimeInterval(60))))
        #expect(await authority.expiry(of: issued.token) == nil)
    }

    @Test func graceWindowOnlyForValidate() async {
        let clock = ManualClock(testEpoch)
        let authority = TokenAuthority(lifetime: 60, graceWindow: 30, clock: clock.wallClock)
        let issued = await authority.issue(for: "alice")
        clock.advance(by: 70)
        #expect(await authority.verify(issued.token).claims == nil)
        #expect(await authority.verify(issued.token, allowGrace: true).claims != nil)
        guard case .success(let renewed) = await authority.validate(issued.token) else {
            Issue.record("validate within grace should succeed")
            return
        }
        #expect(renewed.token != issued.token)
        clock.advance(by: 30)
        guard case .failure(.expired) = await authority.validate(issued.token) else {
            Issue.record("validate after grace should fail as expired")
            return
        }
    }

    @Test func rejectionReasons() async {
        let authority = TokenAuthority(clock: ManualClock(testEpoch).wallClock)
        let other = TokenAuthority(clock: ManualClock(testEpoch).wallClock)
        let foreign = await other.issue(for: "alice")
        #expect(await authority.verify(nil) == .rejected(.missing))
        #expect(await authority.verify("") == .rejected(.missing))
        #expect(await authority.verify("abc") == .rejected(.malformed))
        #expect(await authority.verify("a.b.c") == .rejected(.malformed))
        #expect(await authority.verify(foreign.token) == .rejected(.badSignature))
        let issued = await authority.issue(for: "alice")
        var parts = issued.token.split(separator: ".").map(String.init)
        parts[1] = JWTCodec.base64URL(Data(#"{"sub":"mallory","jti":"x","iat":1,"exp":9999999999,"iss":"i","aud":"a"}"#.utf8))
        #expect(await authority.verify(parts.joined(separator: ".")) == .rejected(.badSignature))
    }

    @Test func revocationAndLifecycleEvents() async {
        let clock = ManualClock(testEpoch)
        let authority = TokenAuthority(clock: clock.wallClock)
        let events = await authority.lifecycleEvents()
        var iterator = events.makeAsyncIterator()
        let a = await authority.issue(for: "alice")
        let b = await authority.issue(for: "bob")
        #expect(await authority.expiry(of: a.token) == testEpoch.addingTimeInterval(86_400))
        #expect(await authority.revoke(a.token))
        #expect(await authority.revoke(a.token) == false)
        #expect(await authority.verify(a.token) == .rejected(.revoked))
        #expect(await authority.verify(b.token).claims != nil)
        #expect(await iterator.next() == .revoked(tokenID: a.claims.jti, userName: "alice"))
        await authority.expireAll()
        #expect(await iterator.next() == .allExpired)
        #expect(await authority.verify(b.token) == .rejected(.expired(at: testEpoch)))
        let c = await authority.issue(for: "carol")
        #expect(await authority.verify(c.token).claims != nil, "a login after expire-all gets a working token")
        await authority.revokeAll()
        #expect(await iterator.next() == .allRevoked)
        #expect(await authority.verify(c.token) == .rejected(.revoked))
    }

    @Test func validateIssuesNewTokenAndKeepsOld() async {
        let authority = TokenAuthority(clock: ManualClock(testEpoch).wallClock)
        let issued = await authority.issue(for: "alice")
        guard case .success(let renewed) = await authority.validate(issued.token) else {
            Issue.record("validate failed")
            return
        }
        #expect(renewed.claims.sub == "alice")
        #expect(await authority.verify(issued.token).claims != nil)
        #expect(await authority.verify(renewed.token).claims != nil)
    }

    @Test func shortLifetimeFault() async {
        let clock = ManualClock(testEpoch)
        let authority = TokenAuthority(clock: clock.wallClock)
        await authority.setLifetime(5)
        let issued = await authority.issue(for: "alice")
        #expect(issued.claims.exp - issued.claims.iat == 5)
    }

    @Test func redactionNeverContainsToken() async {
        let authority = TokenAuthority(clock: ManualClock(testEpoch).wallClock)
        let issued = await authority.issue(for: "alice")
        let label = TokenRedaction.token(issued.token)
        #expect(!label.contains(issued.token))
        #expect(!label.contains(String(issued.token.prefix(10))))
        #expect(label == TokenRedaction.token(issued.token))
    }
}
