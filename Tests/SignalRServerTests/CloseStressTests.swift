import Foundation
import NIOCore
import SignalRServer
import Testing
import RawHubClient
import TestGate

/// Closing under load: many connections closed, aborted and closed hub-wide at once, each of
/// which must end its TCP connection (with or without a close frame, as asked).
///
/// The server's close timeout is 0.5 s, so a close the server loses (a close frame never sent, a
/// socket never dropped) leaves the connection open for good and fails at ``closeLimit``; a slow
/// machine does not (under Thread Sanitizer beside a build, one close once took over 5 s).
/// `PX_CLOSE_STRESS_ROUNDS` raises the rounds (the reliability script runs thousands).
@Suite("Close and abort under load", .gated)
struct CloseStressTests {
    static let rounds = ProcessInfo.processInfo.environment["PX_CLOSE_STRESS_ROUNDS"].flatMap(Int.init).map { min(max($0, 1), 100_000) } ?? 10

    /// Sixty times the server's close timeout: only a close that never happens takes this long.
    static let closeLimit: Duration = .seconds(30)

    @Test func closeAbortAndCloseAllCyclesAlwaysEndTheConnection() async throws {
        let hub = HubFixture.makeHub(authenticator: { .accept(HubPrincipal(user: $0.accessToken)) })
        try await HubFixture.withHub(hub) { port in
            for round in 0..<Self.rounds {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for lane in 0..<6 {
                        group.addTask {
                            let name = "r\(round)-l\(lane)"
                            let socket = try await RawHubSocket.handshaken(port: port, target: "/hub?access_token=\(name)")
                            var context: HubConnectionContext?
                            let deadline = ContinuousClock.now + .seconds(10)
                            while context == nil, ContinuousClock.now < deadline {
                                context = hub.connections.first { $0.principal.user == name }
                                if context == nil { try await Task.sleep(for: .milliseconds(5)) }
                            }
                            let connection = try #require(context, "round \(round) lane \(lane): the server never registered the connection")
                            switch lane % 3 {
                            case 0:
                                connection.close(error: "Stress", allowReconnect: true)
                                let ending = try await socket.waitForClose(timeout: Self.closeLimit)
                                #expect(ending.sawCloseFrame, "round \(round) lane \(lane)")
                            case 1:
                                connection.abort()
                                let ending = try await socket.waitForClose(timeout: Self.closeLimit)
                                #expect(!ending.sawCloseFrame, "round \(round) lane \(lane)")
                            default:
                                connection.close()
                                _ = try await socket.waitForClose(timeout: Self.closeLimit, echo: false)
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            }
            try await eventually(timeout: .seconds(10)) { hub.connectionCount == 0 }
        }
    }
}
