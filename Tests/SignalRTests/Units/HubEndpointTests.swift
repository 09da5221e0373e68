import Foundation
import Testing

@testable import SignalR
import TestGate

@Suite("Hub URLs: negotiate and WebSocket requests", .gated)
struct HubEndpointTests {
    @Test("negotiate keeps the query, adds negotiateVersion=1 once, and the URL-encoded token when asked")
    func negotiateURL() throws {
        let endpoint = try HubEndpoint(string: "https://h.example/hubs/market?x=1")
        #expect(endpoint.negotiateURL(accessToken: nil) == "https://h.example/hubs/market/negotiate?x=1&negotiateVersion=1")
        #expect(
            endpoint.negotiateURL(accessToken: "a+b/c=") == "https://h.example/hubs/market/negotiate?x=1&negotiateVersion=1&access_token=a%2Bb%2Fc%3D"
        )
        let versioned = try HubEndpoint(string: "http://h:5000/hub/?negotiateVersion=1")
        #expect(versioned.negotiateURL(accessToken: nil) == "http://h:5000/hub/negotiate?negotiateVersion=1")
    }

    @Test("the WebSocket request keeps the query and appends id and access_token; ws(s) maps to http(s)")
    func webSocketTarget() throws {
        let endpoint = try HubEndpoint(string: "wss://rtc.example/hubs/user?tenant=a")
        #expect(endpoint.isSecure)
        #expect(endpoint.port == 443)
        #expect(endpoint.hostHeader == "rtc.example")
        #expect(endpoint.negotiateURL(accessToken: nil).hasPrefix("https://rtc.example/hubs/user/negotiate?tenant=a"))
        #expect(
            endpoint.webSocketRequestTarget(connectionToken: "T_-1", accessToken: "e y") == "/hubs/user?tenant=a&id=T_-1&access_token=e%20y"
        )
        let root = try HubEndpoint(string: "http://127.0.0.1:8080")
        #expect(root.webSocketRequestTarget(connectionToken: nil, accessToken: nil) == "/")
        #expect(root.hostHeader == "127.0.0.1:8080")
        #expect(root.webSocketURL(target: "/") == "ws://127.0.0.1:8080/")
        let v6 = try HubEndpoint(string: "http://[::1]:9000/hub")
        #expect(v6.host == "::1")
        #expect(v6.hostHeader == "[::1]:9000")
    }

    @Test("unusable URLs are rejected with the token redacted")
    func invalid() {
        #expect(throws: SignalRError.self) { try HubEndpoint(string: "ftp://h/hub") }
        do {
            _ = try HubEndpoint(string: "file:///hub?access_token=secret")
            Issue.record("accepted a file URL")
        } catch {
            #expect(!"\(error)".contains("secret"))
        }
    }

    @Test("redaction hides access_token and id values, and bearer tokens")
    func redaction() {
        #expect(Redaction.url("wss://h/hub?id=abc&access_token=eyJ.x&x=1") == "wss://h/hub?id=<redacted>&access_token=<redacted>&x=1")
        #expect(Redaction.url("https://h/hub") == "https://h/hub")
        #expect(Redaction.text("GET https://h/hub?access_token=zzz failed") == "GET https://h/hub?access_token=<redacted> failed")
        #expect(Redaction.text("Authorization: Bearer abc.def") == "Authorization: Bearer <redacted>")
        let error = SignalRError.transportFailed(phase: .negotiate, detail: Redaction.text("to https://h/x?access_token=tok"))
        #expect(!error.description.contains("tok&") && !error.description.hasSuffix("tok"))
    }

    @Test("errors say what failed and where")
    func errorDescriptions() {
        let refused = SignalRError.authenticationFailed(status: 401, phase: .webSocketUpgrade)
        #expect(refused.isAuthenticationFailure)
        #expect(refused.httpStatus == 401)
        #expect(refused.description == "The server refused the access token (HTTP 401) at the WebSocket upgrade.")
        #expect(SignalRError.httpStatus(status: 500, phase: .negotiate, detail: nil).isAuthenticationFailure == false)
        #expect(SignalRError.serverTimeout.description == "Server timeout elapsed without receiving a message from the server.")
        let exhausted = SignalRError.reconnectAttemptsExhausted(attempts: 4, lastError: refused)
        #expect(exhausted.authenticationFailure?.phase == .webSocketUpgrade)
    }
}
