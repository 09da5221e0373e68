import Foundation
import Testing
@testable import TradingBot
import TestGate

/// The CME Globex session calendar as a pure function of the date: the weekend, the daily halt,
/// Chicago's daylight saving time on both of its changes.
@Suite("Market session", .gated)
struct MarketSessionTests {
    static func utc(_ text: String) -> Date {
        (try? Date(text, strategy: .iso8601)) ?? .distantPast
    }

    static func open(_ closes: String) -> MarketSession.State { .open(closes: utc(closes)) }
    static func closed(_ opens: String) -> MarketSession.State { .closed(opens: utc(opens)) }

    /// Winter (CST, UTC-6): Thursday 3 to Monday 7 December 2026.
    @Test(arguments: [
        ("2026-12-03T21:59:59Z", open("2026-12-03T22:00:00Z")),      // Thu 15:59:59 CT
        ("2026-12-03T22:00:00Z", closed("2026-12-03T23:00:00Z")),    // Thu 16:00, the daily halt
        ("2026-12-03T22:59:59Z", closed("2026-12-03T23:00:00Z")),
        ("2026-12-03T23:00:00Z", open("2026-12-04T22:00:00Z")),      // Thu 17:00 until Fri 16:00
        ("2026-12-04T05:59:59Z", open("2026-12-04T22:00:00Z")),      // Thu 23:59:59 CT
        ("2026-12-04T06:00:00Z", open("2026-12-04T22:00:00Z")),      // Fri 00:00 CT
        ("2026-12-04T21:59:59Z", open("2026-12-04T22:00:00Z")),
        ("2026-12-04T22:00:00Z", closed("2026-12-06T23:00:00Z")),    // Fri 16:00: the weekend
        ("2026-12-04T23:30:00Z", closed("2026-12-06T23:00:00Z")),    // Fri 17:30: no evening session
        ("2026-12-05T06:00:00Z", closed("2026-12-06T23:00:00Z")),    // Sat 00:00
        ("2026-12-06T05:59:59Z", closed("2026-12-06T23:00:00Z")),    // Sat 23:59:59
        ("2026-12-06T22:59:59Z", closed("2026-12-06T23:00:00Z")),    // Sun 16:59:59
        ("2026-12-06T23:00:00Z", open("2026-12-07T22:00:00Z")),      // Sun 17:00: the week opens
        ("2026-12-07T03:00:00Z", open("2026-12-07T22:00:00Z")),      // Sun 21:00
        ("2026-12-07T22:30:00Z", closed("2026-12-07T23:00:00Z")),    // Mon 16:30, the halt
    ])
    func winter(_ date: String, _ expected: MarketSession.State) {
        #expect(MarketSession.state(at: Self.utc(date)) == expected)
    }

    /// Summer (CDT, UTC-5) and both changes of Chicago's clocks in 2026.
    @Test(arguments: [
        ("2026-07-15T20:59:00Z", open("2026-07-15T21:00:00Z")),      // Wed 15:59 CDT
        ("2026-07-15T21:30:00Z", closed("2026-07-15T22:00:00Z")),    // Wed 16:30 CDT
        ("2026-07-15T22:00:00Z", open("2026-07-16T21:00:00Z")),
        // Clocks go forward on Sunday 8 March: the week closed at 16:00 CST, opens at 17:00 CDT.
        ("2026-03-06T21:59:00Z", open("2026-03-06T22:00:00Z")),
        ("2026-03-06T22:00:00Z", closed("2026-03-08T22:00:00Z")),
        ("2026-03-08T08:30:00Z", closed("2026-03-08T22:00:00Z")),    // Sun 03:30 CDT, just after the change
        ("2026-03-08T21:59:00Z", closed("2026-03-08T22:00:00Z")),
        ("2026-03-08T22:00:00Z", open("2026-03-09T21:00:00Z")),
        // Clocks go back on Sunday 1 November: closed at 16:00 CDT, opens at 17:00 CST.
        ("2026-10-30T21:00:00Z", closed("2026-11-01T23:00:00Z")),
        ("2026-11-01T06:30:00Z", closed("2026-11-01T23:00:00Z")),    // the repeated hour
        ("2026-11-01T22:30:00Z", closed("2026-11-01T23:00:00Z")),    // Sun 16:30 CST
        ("2026-11-01T23:00:00Z", open("2026-11-02T22:00:00Z")),
    ])
    func summerAndClockChanges(_ date: String, _ expected: MarketSession.State) {
        #expect(MarketSession.state(at: Self.utc(date)) == expected)
    }

    /// Every minute of five weeks around both clock changes: each state names the next change
    /// correctly (the state flips exactly there), and each week has five sessions. The weekend is
    /// 49 hours, 50 when the clocks go back.
    @Test(arguments: ["2026-02-28T00:00:00Z", "2026-10-24T00:00:00Z"])
    func everyMinuteAgreesWithItsNextChange(_ start: String) {
        var date = Self.utc(start)
        let end = date.addingTimeInterval(5 * 7 * 86_400)
        var opened = 0
        var previous: Bool?
        while date < end {
            let state = MarketSession.state(at: date)
            let isOpen: Bool
            switch state {
            case .open(let closes):
                isOpen = true
                #expect(closes > date && closes.timeIntervalSince(date) <= 23 * 3600 + 1, "\(date)")
                #expect(MarketSession.state(at: closes.addingTimeInterval(-1)) == state, "\(date)")
                #expect(MarketSession.state(at: closes).isOpen == false, "\(date)")
            case .closed(let opens):
                isOpen = false
                #expect(opens > date && opens.timeIntervalSince(date) <= 50 * 3600 + 1, "\(date)")
                #expect(MarketSession.state(at: opens.addingTimeInterval(-1)) == state, "\(date)")
                #expect(MarketSession.state(at: opens).isOpen == true, "\(date)")
            }
            if isOpen && previous == false { opened += 1 }
            previous = isOpen
            date = date.addingTimeInterval(60)
        }
        #expect(opened == 25, "five sessions a week")
    }

    @Test func momentsAreSaidInChicagoTime() {
        #expect(MarketSession.describe(Self.utc("2026-12-06T23:00:00Z")) == "Sun 17:00 CT")
        #expect(MarketSession.describe(Self.utc("2026-07-15T21:00:00Z")) == "Wed 16:00 CT")
        #expect(MarketSession.describe(Self.utc("2026-03-09T14:05:00Z")) == "Mon 09:05 CT")
    }

    @Test func theWaitingLineSaysWhyNothingCame() {
        let quotes = WaitingStatus(hub: "market", subject: "ESZ6", item: "quote")
        #expect(quotes.text(.connecting) == "connecting to the market hub…")
        #expect(quotes.text(.subscribed) == "connected, subscribed to ESZ6; waiting for the first quote")
        #expect(quotes.text(.quiet, at: Self.utc("2026-12-05T12:00:00Z")) == "no data yet: the CME Globex session is closed until Sun 17:00 CT")
        #expect(quotes.text(.quiet, at: Self.utc("2026-12-03T22:10:00Z")) == "no data yet: the CME Globex session is closed until Thu 17:00 CT")
        let trades = WaitingStatus(hub: "market", subject: "NQZ6", item: "trade")
        #expect(trades.text(.quiet, at: Self.utc("2026-12-03T15:00:00Z")) == "market open; no trades yet")
    }
}

extension MarketSession.State {
    var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}
