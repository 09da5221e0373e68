import Foundation
import SignalRProtocol
import Testing

@testable import SignalRServer
import TestGate

@Suite("Handshake, ids, request peeking, texts", .gated)
struct ProtocolPiecesTests {
    @Test(
        "handshake answers",
        arguments: [
            ("{\"protocol\":\"json\",\"version\":1}", nil),
            ("{\"protocol\":\"json\",\"version\":0}", nil),
            ("{\"protocol\":\"json\",\"version\":2}", nil),
            ("{\"protocol\":\"json\",\"version\":3}", "The server does not support version 3 of the 'json' protocol."),
            ("{\"protocol\":\"messagepack\",\"version\":1}", "The protocol 'messagepack' is not supported."),
            ("[]", "An unexpected error occurred during connection handshake."),
        ] as [(String, String?)]
    )
    func handshake(request: String, error: String?) {
        #expect(HandshakeValidator.response(to: Array(request.utf8)[...]) == HandshakeResponse(error: error))
    }

    @Test("ids are 16 random bytes in base64url: 22 characters, distinct")
    func ids() {
        let ids = (0..<100).map { _ in ConnectionIDGenerator.make() }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { $0.count == 22 && !$0.contains("+") && !$0.contains("/") && !$0.contains("=") })
        #expect(ConnectionIDGenerator.base64URL([0xFB, 0xFF]) == "-_8")
        #expect(ConnectionIDGenerator.base64URL(Array("Man".utf8)) == "TWFu")
    }

    @Test("negotiateVersion parsing")
    func negotiateVersion() throws {
        #expect(try HubServer.negotiateVersion(nil).get() == 0)
        #expect(try HubServer.negotiateVersion("1").get() == 1)
        #expect(try HubServer.negotiateVersion("5").get() == 1)
        #expect(throws: HubProtocolError.self) { try HubServer.negotiateVersion("x").get() }
        #expect(throws: HubProtocolError.self) { try HubServer.negotiateVersion("-1").get() }
    }

    @Test("the request peek finds hub upgrades and leaves everything else to HTTP")
    func peek() {
        let upgrade = "GET /hubs/user?id=abc HTTP/1.1\r\nHost: x\r\nUPGRADE: WebSocket\r\nConnection: Upgrade\r\n\r\n"
        #expect(RequestHeadPeek.peek(Array(upgrade.utf8)) == .head(.init(method: "GET", path: "/hubs/user", isWebSocketUpgrade: true)))
        let post = "POST /hubs/user/negotiate HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
        #expect(RequestHeadPeek.peek(Array(post.utf8)) == .head(.init(method: "POST", path: "/hubs/user/negotiate", isWebSocketUpgrade: false)))
        #expect(RequestHeadPeek.peek(Array("GET / HTTP/1.1\r\nHost".utf8)) == .needMoreData)
        #expect(RequestHeadPeek.peek(Array("garbage\r\n\r\n".utf8)) == .unrecognized)
        #expect(RequestHeadPeek.peek([UInt8](repeating: 65, count: 70_000)) == .unrecognized)
    }

    @Test("paths are normalized")
    func paths() {
        #expect(HubUpgradeRouter.normalize("hubs/user/") == "/hubs/user")
        #expect(HubUpgradeRouter.normalize("/") == "/")
    }

    @Test("a principal never shows its token")
    func redaction() {
        let principal = HubPrincipal(user: "u", accessToken: "secret-token", expiresAt: nil)
        #expect(!principal.description.contains("secret"))
        #expect(!principal.debugDescription.contains("secret"))
        #expect(!String(reflecting: principal).contains("secret"))
    }

    @Test("the access token comes from the query first, then a Bearer header")
    func accessToken() {
        var request = HubAuthenticationRequest(phase: .upgrade, method: "GET", path: "/hub", query: [:], headers: HubRequestHeaders([("authorization", "Bearer abc")]))
        #expect(request.accessToken == "abc")
        request.query["access_token"] = "xyz"
        #expect(request.accessToken == "xyz")
        request = HubAuthenticationRequest(phase: .upgrade, method: "GET", path: "/hub", query: [:], headers: HubRequestHeaders([("Authorization", "Basic abc")]))
        #expect(request.accessToken == nil)
    }

    @Test("error texts follow ASP.NET Core")
    func errorTexts() {
        #expect(HubErrorText.invocationFailed("M", error: HubException("m"), detailed: false) == "An unexpected error occurred invoking 'M' on the server. HubException: m")
        #expect(HubErrorText.invocationFailed("M", error: TestError.boom, detailed: false) == "An unexpected error occurred invoking 'M' on the server.")
        #expect(HubErrorText.invocationFailed("M", error: HubArgumentError("x"), detailed: false) == "Failed to invoke 'M' due to an error on the server.")
        #expect(HubErrorText.streamFailed(error: TestError.boom, detailed: false) == "An error occurred on the server while streaming results.")
    }
}

@Suite("Principal mirror", .gated)
struct PrincipalMirrorTests {
    @Test("dump() does not show the token")
    func dumpRedacts() {
        var output = ""
        dump(HubPrincipal(user: "u", accessToken: "secret-token"), to: &output)
        #expect(!output.contains("secret"))
        #expect(output.contains("<redacted>"))
    }
}
