import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SignalRServer
import Testing
import TestGate

/// Stopping a server ends however its clients behave: connections that never sent a request (one
/// held open and silent, several opened and closed at once) used to keep the shutdown waiting
/// forever, since nothing read them again.
@Suite("Stopping a server with connections that never sent a request", .gated)
struct ServerStopTests {
    @Test func stopEndsWithSilentAndAbandonedConnections() async throws {
        let silent = NIOLockedValueBox<(any Channel)?>(nil)
        let started = try await StandaloneHubHost.withRunning(["/hub": HubFixture.makeHub()]) { port in
            let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            let channel = try await bootstrap.connect(host: "127.0.0.1", port: port).get()
            silent.withLockedValue { $0 = channel }
            for _ in 0..<5 {
                try await bootstrap.connect(host: "127.0.0.1", port: port).get().close()
            }
            try await Task.sleep(for: .milliseconds(100))
            return ContinuousClock.now
        }
        let took = ContinuousClock.now - started
        #expect(took < .seconds(10), "the server took \(took) to stop")
        try? await silent.withLockedValue { $0 }?.close()
    }
}
