import Foundation
import Testing
import TestGate
@testable import Gateway

/// ``EventBroadcaster`` with an overflow marker: a consumer that lost events always gets a marker
/// after the loss, and only then.
@Suite("EventBroadcaster overflow marker", .gated)
struct EventBroadcasterOverflowTests {
    /// An element: a numbered event, or the marker.
    enum Item: Sendable, Equatable {
        case event(Int)
        case marker
    }

    /// Checks the promise on what one consumer read: every event it did not read (it was
    /// dropped) is followed, later in what it read, by a marker; and no marker comes without a
    /// loss before it.
    static func check(read: [Item], produced: Int) -> [String] {
        var problems: [String] = []
        let seen = Set(read.compactMap { if case .event(let n) = $0 { n } else { nil } })
        for lost in 0..<produced where !seen.contains(lost) {
            // The position after which the lost event would have been read: after the last event
            // read that was produced before it.
            let before = read.lastIndex { if case .event(let n) = $0 { n < lost } else { false } } ?? -1
            if !read[(before + 1)...].contains(.marker) { problems.append("event \(lost) lost without a marker after it") }
        }
        // A marker must follow a loss: one seen since the previous marker, or one that shows in the
        // next event read after it (a marker read right after the loss, before any newer event).
        var expected = 0
        var lossSinceMarker = false
        for (index, item) in read.enumerated() {
            switch item {
            case .event(let n):
                if n > expected { lossSinceMarker = true }
                expected = n + 1
            case .marker:
                let next = read[(index + 1)...].lazy.compactMap { if case .event(let n) = $0 { n } else { nil } }.first ?? produced
                if !lossSinceMarker && next <= expected { problems.append("a marker without a loss before it") }
                lossSinceMarker = false
            }
        }
        return problems
    }

    @Test func aConsumerThatReadsNothingEndsWithAMarker() async {
        let broadcaster = EventBroadcaster<Item>(bufferSize: 4, overflowMarker: { .marker })
        let stream = broadcaster.stream()
        for n in 0..<9 { broadcaster.yield(.event(n)) }
        broadcaster.finish()
        var read: [Item] = []
        for await item in stream { read.append(item) }
        // The marker reaches the front of the buffer once and is pushed out: it is sent again.
        #expect(read == [.event(6), .event(7), .event(8), .marker])
        #expect(Self.check(read: read, produced: 9).isEmpty)
    }

    @Test func aConsumerThatKeepsUpGetsNoMarker() async {
        let broadcaster = EventBroadcaster<Item>(bufferSize: 4, overflowMarker: { .marker })
        let stream = broadcaster.stream()
        var iterator = stream.makeAsyncIterator()
        var read: [Item] = []
        for n in 0..<100 {
            broadcaster.yield(.event(n))
            if let item = await iterator.next() { read.append(item) }
        }
        #expect(read == (0..<100).map(Item.event))
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func everyLossIsFollowedByAMarkerWhateverTheReadingPace(bufferSize: Int) async {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<40 {
            let broadcaster = EventBroadcaster<Item>(bufferSize: bufferSize, overflowMarker: { .marker })
            let stream = broadcaster.stream()
            var iterator = stream.makeAsyncIterator()
            var read: [Item] = []
            let produced = 300
            // How often the consumer reads: right after a yield there is always something to
            // read, so at most one read per yield never waits.
            let pace = [0.2, 0.5, 0.8, 0.95][round % 4]
            for n in 0..<produced {
                broadcaster.yield(.event(n))
                if Double.random(in: 0..<1, using: &generator) < pace, let item = await iterator.next() { read.append(item) }
            }
            broadcaster.finish()
            while let item = await iterator.next() { read.append(item) }
            let problems = Self.check(read: read, produced: produced)
            #expect(problems.isEmpty, "buffer \(bufferSize), pace \(pace): \(problems.prefix(3)) in \(read.count) items")
            #expect(read.contains(.marker) == (read.count(where: { $0 != .marker }) < produced), "a marker exactly when something was lost")
        }
    }

    @Test func theFirstElementOfAStreamComesBeforeEverythingDeliveredAfterIt() async {
        let broadcaster = EventBroadcaster<Item>(bufferSize: 100)
        broadcaster.yield(.event(0))
        let stream = broadcaster.stream(startingWith: { .event(-1) })
        broadcaster.yieldAtomically { [.event(1), .event(2)] }
        broadcaster.finish()
        var read: [Item] = []
        for await item in stream { read.append(item) }
        #expect(read == [.event(-1), .event(1), .event(2)])
    }
}
