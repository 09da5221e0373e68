import Foundation
import Gateway
import NIOCore
import NIOPosix
import NIOConcurrencyHelpers
import Testing
import TestGate

@Suite("Transport security: no clear-text credentials, no redirects", .gated)
struct TransportSecurityTests {
    @Test("plain http only to loopback hosts", arguments: [
        ("https://api.topstepx.com", true), ("wss://rtc.topstepx.com/hubs/market", true),
        ("http://127.0.0.1:5000", true), ("http://127.10.0.3", true), ("http://localhost:5000", true),
        ("http://[::1]:5000", true), ("ws://localhost/hubs/user", true),
        ("http://api.topstepx.com", false), ("http://192.168.1.10:5000", false), ("http://127.0.0.1.example.com", false),
        ("http://1270.0.0.1", false), ("ws://rtc.example.com/hubs/market", false), ("ftp://127.0.0.1", false),
    ])
    func loopbackOnly(url: String, allowed: Bool) throws {
        let problem = TransportSecurity.problem(with: try #require(URL(string: url)))
        #expect((problem == nil) == allowed, "\(url): \(problem ?? "allowed")")
    }

    @Test("the client sends nothing, not even the login, over plain http to another machine")
    func plainHTTPToAnotherHostIsRefusedBeforeSending() async throws {
        let configuration = GatewayConfiguration(
            apiURL: try #require(URL(string: "http://gateway.invalid")), realtimeURL: try #require(URL(string: "http://gateway.invalid")),
            credentials: Credentials(userName: "trader", apiKey: "secret-key"))
        let client = GatewayClient(configuration: configuration)
        do {
            _ = try await client.accounts()
            Issue.record("the request was sent")
        } catch let error as GatewayError {
            let text = String(describing: error)
            #expect(text.contains("plain http") && text.contains("https"), "\(text)")
            #expect(!text.contains("secret-key"))
        }
    }

    /// A server that answers every request with `307` to `location`, and one that counts the
    /// connections it is offered (the redirect's target).
    @Test("a 307 on login is not followed: the API key is not re-sent, and the error names the redirect")
    func redirectsAreNotFollowed() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let offered = NIOLockedValueBox(0)
        let target = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                offered.withLockedValue { $0 += 1 }
                return channel.close()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let targetPort = try #require(target.localAddress?.port)
        let redirector = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.pipeline.addHandler(RedirectResponder(location: "http://127.0.0.1:\(targetPort)/api/Auth/loginKey"))
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(redirector.localAddress?.port)
        defer {
            redirector.close(promise: nil)
            target.close(promise: nil)
        }
        let root = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let client = GatewayClient(configuration: GatewayConfiguration(apiURL: root, realtimeURL: root, credentials: Credentials(userName: "trader", apiKey: "secret-key")))
        do {
            _ = try await client.accounts()
            Issue.record("a redirected login succeeded")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("307") && text.contains("redirect"), "\(text)")
            #expect(!text.contains("secret-key"))
        }
        #expect(offered.withLockedValue { $0 } == 0, "the client followed the redirect")
    }
}

/// Answers the first request on a connection with a 307 and closes.
private final class RedirectResponder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let location: String

    init(location: String) { self.location = location }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let response = "HTTP/1.1 307 Temporary Redirect\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        context.writeAndFlush(NIOAny(ByteBuffer(string: response))).whenComplete { _ in context.close(promise: nil) }
    }
}
