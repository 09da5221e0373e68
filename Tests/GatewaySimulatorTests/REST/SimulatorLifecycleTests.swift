import Dispatch
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("GatewaySimulator lifecycle", .gated)
struct SimulatorLifecycleTests {
    @Test func startIsIdempotentAndRestartable() async throws {
        let simulator = GatewaySimulator(configuration: testConfiguration(clock: ManualClock(testEpoch)))
        let port = try await simulator.start()
        #expect(port > 0)
        #expect(try await simulator.start() == port)
        #expect(await simulator.port == port)
        await simulator.stop()
        #expect(await simulator.port == nil)
        let again = try await simulator.start()
        #expect(again > 0)
        await simulator.stop()
    }

    /// A stop ends even while clients hold connections that never sent a request: one still
    /// open and silent, and several that connected and closed at once (the pattern that left
    /// sockets in CLOSE-WAIT and a stop waiting forever for them).
    @Test func stopEndsWithConnectionsThatNeverSentARequest() async throws {
        let simulator = GatewaySimulator(configuration: testConfiguration(clock: ManualClock(testEpoch)))
        let port = try await simulator.start()
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        let silent = try await bootstrap.connect(host: "127.0.0.1", port: port).get()
        for _ in 0..<5 {
            try await bootstrap.connect(host: "127.0.0.1", port: port).get().close()
        }
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        await simulator.stop()
        let took = ContinuousClock.now - started
        #expect(took < .seconds(10), "the stop took \(took)")
        try? await silent.close()
    }

    @Test func portInUseFailsStart() async throws {
        let first = GatewaySimulator(configuration: testConfiguration(clock: ManualClock(testEpoch)))
        let port = try await first.start()
        let second = GatewaySimulator(configuration: testConfiguration(clock: ManualClock(testEpoch)) { $0.port = port })
        await #expect(throws: (any Error).self) { try await second.start() }
        await first.stop()
    }

    @Test func marketLoopTicksWhileServing() async throws {
        var configuration = testConfiguration(clock: ManualClock(testEpoch))
        configuration.runsMarketLoop = true
        configuration.market.tickInterval = .milliseconds(5)
        let simulator = GatewaySimulator(configuration: configuration)
        let stream = simulator.core.feed.events(for: esContract, kinds: [.trades])
        _ = try await simulator.start()
        var received = 0
        for await event in stream {
            #expect(event.hubMethod == "GatewayTrade")
            received += 1
            if received == 3 { break }
        }
        #expect(simulator.core.feed.statistics.steps > 0)
        await simulator.stop()
        let steps = simulator.core.feed.statistics.steps
        try await Task.sleep(for: .milliseconds(50))
        #expect(simulator.core.feed.statistics.steps == steps, "the loop stops with the server")
    }

    @Test func convenienceStreamStartsWithSnapshotAndEndsWithConsumer() async {
        let (core, _) = makeCore()
        do {
            let stream = core.feed.events(for: esContract, kinds: [.depth])
            #expect(core.feed.subscriberCount == 1)
            core.feed.step()
            for await event in stream {
                #expect(event.isDepthSnapshot)
                break
            }
        }
        // The removal runs on a task of its own (see MarketFeed.openSubscriber): wait for it.
        let deadline = ContinuousClock.now + .seconds(5)
        while core.feed.subscriberCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        #expect(core.feed.subscriberCount == 0, "releasing the stream ends the subscription")
    }

    /// Regression: a consumer cancelled while the feed delivered to it could deadlock the feed
    /// (the feed yields under its lock; the cancellation, holding the consumer task's status lock,
    /// took that lock in `onTermination`). Removal is now deferred; this churns consumers while
    /// the feed steps as fast as it can.
    @Test func cancellingConsumersWhileTheFeedStepsNeverDeadlocks() async {
        let (core, _) = makeCore()
        let feed = core.feed
        let stepping = NIOLockedValueBox(true)
        // A queue of its own: DispatchQueue.global() would take a thread Swift concurrency needs.
        DispatchQueue(label: "SimulatorLifecycleTests.feed").async {
            // A short pause between steps leaves the CPU to the rest of the suite (it runs in
            // parallel) while the feed still delivers thousands of times a second.
            while stepping.withLockedValue({ $0 }) {
                _ = feed.step()
                usleep(20)
            }
        }
        let finished = NIOLockedValueBox(false)
        let churn = Task.detached {
            // Up to 1000 consumers or 3 s, whichever comes first: the old removal hung well within
            // either, and a loaded machine should not make this test a burden.
            let stop = ContinuousClock.now + .seconds(3)
            for _ in 0..<1_000 where ContinuousClock.now < stop {
                let stream = feed.events(for: esContract, kinds: .all, bufferSize: 4)
                let consumer = Task { for await _ in stream {} }
                await Task.yield()
                consumer.cancel()
                await consumer.value
            }
            finished.withLockedValue { $0 = true }
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while !finished.withLockedValue({ $0 }), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        stepping.withLockedValue { $0 = false }
        #expect(finished.withLockedValue { $0 }, "consumers cancelled while the feed stepped, without hanging")
        guard finished.withLockedValue({ $0 }) else { return }
        await churn.value
        let settled = ContinuousClock.now + .seconds(5)
        while feed.subscriberCount > 0, ContinuousClock.now < settled {
            try? await Task.sleep(for: .milliseconds(10))
        }
        #expect(feed.subscriberCount == 0, "every cancelled consumer was removed")
    }
}
