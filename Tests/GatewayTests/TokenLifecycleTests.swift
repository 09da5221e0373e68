import Foundation
import Testing
@testable import Gateway
import TestGate

/// Builds unsigned JWTs with chosen claims: the client reads `exp` without verifying.
enum TestJWT {
    static func make(exp: Date?, iat: Date? = nil, id: String = UUID().uuidString) -> String {
        var claims: [String: Any] = ["sub": "tester", "jti": id]
        if let exp { claims["exp"] = Int(exp.timeIntervalSince1970) }
        if let iat { claims["iat"] = Int(iat.timeIntervalSince1970) }
        let header = Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8)
        let payload = (try? JSONSerialization.data(withJSONObject: claims)) ?? Data()
        return "\(encode(header)).\(encode(payload)).c2lnbmF0dXJl"
    }

    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

@Suite("Token lifecycle state machine", .gated)
struct TokenLifecycleTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func record(lifetime: TimeInterval, margin: TimeInterval = 300, at time: Date? = nil) -> TokenRecord {
        let obtained = time ?? start
        return TokenRecord(value: TestJWT.make(exp: obtained.addingTimeInterval(lifetime)), obtainedAt: obtained, refreshMargin: margin, fallbackLifetime: 1800)
    }

    @Test func firstRequestLogsIn() {
        var lifecycle = TokenLifecycle()
        #expect(lifecycle.request(at: start) == .startRefresh(.login))
        #expect(lifecycle.request(at: start) == .awaitRefresh, "a second caller joins the refresh in flight")
    }

    @Test func validTokenIsUsedUntilTheMargin() {
        var lifecycle = TokenLifecycle()
        _ = lifecycle.request(at: start)
        let token = record(lifetime: 24 * 3600)
        lifecycle.refreshSucceeded(token)
        #expect(lifecycle.request(at: start.addingTimeInterval(3600)) == .use(token.value))
        #expect(lifecycle.request(at: start.addingTimeInterval(24 * 3600 - 301)) == .use(token.value))
        #expect(lifecycle.request(at: start.addingTimeInterval(24 * 3600 - 299)) == .startRefresh(.validate(token.value)))
        #expect(lifecycle.request(at: start.addingTimeInterval(24 * 3600 - 299)) == .awaitRefresh)
    }

    @Test func shortLifetimeUsesAQuarterAsMargin() {
        let token = record(lifetime: 20)
        #expect(token.refreshAt == start.addingTimeInterval(15))
    }

    @Test func expiredTokenLogsInInsteadOfValidating() {
        var lifecycle = TokenLifecycle()
        _ = lifecycle.request(at: start)
        let token = record(lifetime: 60)
        lifecycle.refreshSucceeded(token)
        #expect(lifecycle.request(at: start.addingTimeInterval(61)) == .startRefresh(.login))
    }

    @Test func rejectedTokenLogsInAtNextRequest() {
        var lifecycle = TokenLifecycle()
        _ = lifecycle.request(at: start)
        let token = record(lifetime: 24 * 3600)
        lifecycle.refreshSucceeded(token)
        #expect(lifecycle.rejected("some-older-token") == false)
        #expect(lifecycle.request(at: start) == .use(token.value))
        let marked = lifecycle.rejected(token.value)
        #expect(marked)
        #expect(lifecycle.request(at: start) == .startRefresh(.login))
    }

    @Test func failedProactiveRefreshKeepsAValidToken() {
        var lifecycle = TokenLifecycle()
        _ = lifecycle.request(at: start)
        let token = record(lifetime: 1000, margin: 300)
        lifecycle.refreshSucceeded(token)
        let late = start.addingTimeInterval(800)
        #expect(lifecycle.request(at: late) == .startRefresh(.validate(token.value)))
        #expect(lifecycle.refreshFailed(at: late) == token.value)
        // It still needs a refresh, so the next ask tries again.
        #expect(lifecycle.request(at: late) == .startRefresh(.validate(token.value)))
    }

    @Test func failedRefreshOfAnExpiredOrRejectedTokenSurfaces() {
        var lifecycle = TokenLifecycle()
        _ = lifecycle.request(at: start)
        let token = record(lifetime: 100)
        lifecycle.refreshSucceeded(token)
        let late = start.addingTimeInterval(200)
        #expect(lifecycle.request(at: late) == .startRefresh(.login))
        #expect(lifecycle.refreshFailed(at: late) == nil)
        #expect(lifecycle.request(at: late) == .startRefresh(.login))

        var fresh = TokenLifecycle()
        _ = fresh.request(at: start)
        #expect(fresh.refreshFailed(at: start) == nil)
        #expect(fresh.state == .idle)
    }

    @Test func unreadableExpiryUsesTheFallbackLifetime() {
        let token = TokenRecord(value: "not-a-jwt", obtainedAt: start, refreshMargin: 300, fallbackLifetime: 1800)
        #expect(token.expiresAt == nil)
        #expect(!token.needsRefresh(at: start.addingTimeInterval(1799)))
        #expect(token.needsRefresh(at: start.addingTimeInterval(1800)))
    }

    @Test func forceRefreshAndReset() {
        var lifecycle = TokenLifecycle()
        #expect(lifecycle.forceRefresh() == .startRefresh(.login))
        let token = record(lifetime: 3600)
        lifecycle.refreshSucceeded(token)
        #expect(lifecycle.forceRefresh() == .startRefresh(.validate(token.value)))
        #expect(lifecycle.forceRefresh() == .awaitRefresh)
        lifecycle.refreshSucceeded(token)
        lifecycle.reset()
        #expect(lifecycle.state == .idle)
        #expect(lifecycle.expiresAt == nil)
    }
}

@Suite("A token record never prints its token", .gated)
struct TokenRecordDescriptionTests {
    @Test func descriptionsRedactTheValue() {
        let record = TokenRecord(value: "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2ln", obtainedAt: Date(), refreshMargin: 300, fallbackLifetime: 1800)
        var dumped = ""
        dump(record, to: &dumped)
        for text in [String(describing: record), String(reflecting: record), dumped] {
            #expect(!text.contains("eyJhbGciOiJIUzI1NiJ9"), "\(text)")
        }
    }
}
