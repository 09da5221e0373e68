import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import Gateway
import TestGate

@Suite("EventBroadcaster", .gated)
struct EventBroadcasterTests {
    @Test func everyConsumerSeesEveryEventInOrder() async {
        let broadcaster = EventBroadcaster<Int>(bufferSize: 100)
        let first = broadcaster.stream()
        let second = broadcaster.stream()
        for value in 0..<50 { broadcaster.yield(value) }
        broadcaster.finish()
        var a: [Int] = [], b: [Int] = []
        for await value in first { a.append(value) }
        for await value in second { b.append(value) }
        #expect(a == Array(0..<50) && b == a)
        #expect(!broadcaster.hasConsumers)
        var late: [Int] = []
        for await value in broadcaster.stream() { late.append(value) }
        #expect(late.isEmpty, "a stream opened after finish() is already finished")
    }

    @Test func aSlowConsumerLosesItsOldestEventsAndTheyAreCounted() async {
        let broadcaster = EventBroadcaster<Int>(bufferSize: 10)
        let stream = broadcaster.stream()
        for value in 0..<25 { broadcaster.yield(value) }
        broadcaster.finish()
        var received: [Int] = []
        for await value in stream { received.append(value) }
        #expect(received == Array(15..<25))
        #expect(broadcaster.droppedCount == 15)
    }

    /// Regression: consumers cancelled while a producer yields used to deadlock (the broadcaster
    /// held its lock while resuming a consumer, and the cancellation, holding that consumer task's
    /// status lock, waited for the broadcaster's lock in `onTermination`). The Thread Sanitizer
    /// run caught it as a hung `trading-bot shell`.
    @Test func cancellingConsumersWhileEventsFlowNeverDeadlocks() async {
        let broadcaster = EventBroadcaster<Int>(bufferSize: 16)
        let producing = NIOLockedValueBox(true)
        let produced = NIOLockedValueBox(0)
        // A queue of its own: its thread comes from the overcommitting pool. A block on
        // DispatchQueue.global() would take one of the two threads Swift concurrency runs on here
        // for the whole test and starve everything else.
        DispatchQueue(label: "EventBroadcasterTests.producer").async {
            var value = 0
            while producing.withLockedValue({ $0 }) {
                broadcaster.yield(value)
                value += 1
                // A short pause leaves the CPU to the rest of the suite, which runs in parallel.
                if value % 64 == 0 { usleep(20) }
            }
            produced.withLockedValue { $0 = value }
        }
        let finished = NIOLockedValueBox(false)
        let churn = Task.detached {
            // Up to 2000 consumers or 3 s, whichever comes first: the old broadcaster hung well
            // within either, and a loaded machine should not make this test a burden.
            let stop = ContinuousClock.now + .seconds(3)
            for _ in 0..<2_000 where ContinuousClock.now < stop {
                let stream = broadcaster.stream()
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
        producing.withLockedValue { $0 = false }
        #expect(finished.withLockedValue { $0 }, "consumers cancelled during delivery without hanging (a deadlock never finishes)")
        if finished.withLockedValue({ $0 }) {
            await churn.value
            #expect(!broadcaster.hasConsumers, "every cancelled consumer was removed")
        }
    }
}
