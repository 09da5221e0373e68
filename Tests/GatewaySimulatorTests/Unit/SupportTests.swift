import Foundation
import NIOCore
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Support", .gated)
struct SupportTests {
    @Test func formatsTimestampsWithOffset() {
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000000+00:00")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 1_752_872_401.268009), fractionalDigits: 3) == "2025-07-18T21:00:01.268+00:00")
        #expect(ISOTimestamp.format(Date(timeIntervalSince1970: 951_782_400), fractionalDigits: 0) == "2000-02-29T00:00:00+00:00")
    }

    @Test func parsesAllThreeForms() throws {
        let expected = Date(timeIntervalSince1970: 1_752_872_401.268009)
        for text in ["2025-07-18T21:00:01.268009+00:00", "2025-07-18T21:00:01.268009Z", "2025-07-18T21:00:01.268009",
                     "2025-07-18T23:00:01.268009+02:00", "2025-07-18T16:00:01.268009-0500"] {
            let parsed = try #require(ISOTimestamp.parse(text), "\(text)")
            #expect(abs(parsed.timeIntervalSince(expected)) < 1e-5, "\(text)")
        }
        #expect(ISOTimestamp.parse("2025-07-18") == Date(timeIntervalSince1970: 1_752_796_800))
        #expect(ISOTimestamp.parse("2025-07-18T21:00") == Date(timeIntervalSince1970: 1_752_872_400))
        for bad in ["", "yesterday", "2025-13-01", "2025-07-18T25:00:00", "2025-07-18T21:00:00+", "2025-07-18X"] {
            #expect(ISOTimestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func roundTripsFormatAndParse() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let seconds = Double(generator.next() % 4_000_000_000) + Double(generator.next() % 1_000_000) / 1_000_000
            let date = Date(timeIntervalSince1970: seconds)
            let parsed = ISOTimestamp.parse(ISOTimestamp.format(date))
            #expect(parsed.map { abs($0.timeIntervalSince(date)) < 2e-6 } == true)
        }
    }

    @Test func seededGeneratorsAreDeterministic() {
        var a = Xoshiro256(seed: 99)
        var b = Xoshiro256(seed: 99)
        var c = Xoshiro256(seed: 100)
        let first = (0..<16).map { _ in a.next() }
        #expect(first == (0..<16).map { _ in b.next() })
        #expect(first != (0..<16).map { _ in c.next() })
        for _ in 0..<1000 { #expect((0..<7).contains(a.below(7))) }
    }

    @Test func nullableEncodesNull() throws {
        struct Probe: Encodable { let value: Nullable<Int> }
        let data = try JSONEncoder().encode(Probe(value: Nullable(nil)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"value":null}"#)
    }

    @Test func loopbackDetection() throws {
        #expect(try SocketAddress(ipAddress: "127.0.0.1", port: 1).isLoopback)
        #expect(try SocketAddress(ipAddress: "127.4.5.6", port: 1).isLoopback)
        #expect(try SocketAddress(ipAddress: "::1", port: 1).isLoopback)
        #expect(try SocketAddress(ipAddress: "10.0.0.1", port: 1).isLoopback == false)
        #expect(try SocketAddress(ipAddress: "192.168.1.20", port: 1).isLoopback == false)
        #expect(try SocketAddress(ipAddress: "2001:db8::1", port: 1).isLoopback == false)
    }

    @Test func slidingWindowRateLimiter() {
        let limiter = RateLimitEnforcer(configuration: RateLimitConfiguration(bars: RateLimitRule(limit: 2, window: 30), general: RateLimitRule(limit: 3, window: 60)))
        let start = testEpoch
        for offset in 0..<3 {
            #expect(limiter.acquire(bucket: .general, key: "t", now: start.addingTimeInterval(Double(offset * 10))) == .allowed)
        }
        #expect(limiter.acquire(bucket: .general, key: "t", now: start.addingTimeInterval(30)) == .limited(retryAfter: 30))
        #expect(limiter.acquire(bucket: .general, key: "other", now: start.addingTimeInterval(30)) == .allowed)
        #expect(limiter.acquire(bucket: .bars, key: "t", now: start.addingTimeInterval(30)) == .allowed)
        #expect(limiter.acquire(bucket: .general, key: "t", now: start.addingTimeInterval(60.5)) == .allowed)
    }
}
