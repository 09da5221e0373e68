import Foundation
import Gateway
import MarketData
import Testing
@testable import TradingBot
import TestGate

/// The pure parts of the streams: the ladder, the quote, trade and account lines, the status
/// policy, paging notes and formatting.
@Suite("Stream rendering", .gated)
struct StreamRenderingTests {
    static func book() -> OrderBook {
        var book = OrderBook(tickSize: TickSize(dec("0.25")))
        book.apply([
            DepthEntry(type: .reset),
            DepthEntry(type: .ask, price: dec("5000.5"), volume: 3), DepthEntry(type: .ask, price: dec("5000.75"), volume: 12),
            DepthEntry(type: .bid, price: dec("5000.25"), volume: 9), DepthEntry(type: .bid, price: 5000, volume: 14),
        ])
        return book
    }

    static let time = Date(timeIntervalSince1970: 1_795_790_201.123)

    @Test func streamTimesAreInTheDisplayZoneAndNamed() throws {
        let chicago = TimeDisplay(zone: try #require(TimeZone(identifier: "America/Chicago")))
        let tokyo = TimeDisplay(zone: try #require(TimeZone(identifier: "Asia/Tokyo")))
        // 2026-11-27 14:36:41.123 UTC: 08:36 in Chicago (CST), 23:36 in Tokyo (no letter name).
        #expect(QuoteRenderer.header(nameWidth: 8, times: chicago, now: Self.time).hasPrefix("TIME (CST)    CONTRACT"))
        #expect(QuoteRenderer.header(nameWidth: 8, times: tokyo, now: Self.time).hasPrefix("TIME (+09:00)  CONTRACT"))
        var state = QuoteState()
        state.apply(Quote(lastPrice: 5000, timestamp: "2026-11-27T14:36:41.123Z"))
        #expect(QuoteRenderer.line(state: state, name: "MESZ6", decimals: 2, nameWidth: 8, times: chicago).hasPrefix("08:36:41.123  MESZ6"))
        var ladder = DepthLadder(name: "MESZ6", levels: 1, decimals: 2)
        ladder.times = chicago
        #expect(ladder.lines(for: Self.book(), time: Self.time).first == "MESZ6 depth at 08:36:41.123 CST")
        let trade = MarketTrade(price: 5000, timestamp: "2026-11-27T14:36:41.123Z", type: .buy, volume: 1)
        #expect(TradeRenderer.line(trade, name: "MESZ6", decimals: 2, nameWidth: 8, times: tokyo).hasPrefix("23:36:41.123  MESZ6"))
    }

    @Test func theLadderPutsAsksAboveBidsBelow() {
        let ladder = DepthLadder(name: "MESZ6", levels: 2, decimals: 2, tickSize: TickSize(dec("0.25")))
        let lines = ladder.lines(for: Self.book(), time: Self.time)
        #expect(lines == [
            "MESZ6 depth at \(Formatting.timeOfDay(Self.time)) UTC",
            "    BID       PRICE    ASK",
            "            5000.75     12",
            "            5000.50      3",
            "---- spread 0.25 (1 tick) ----",
            "      9     5000.25",
            "     14     5000.00",
        ])
    }

    @Test func anInvalidBookSaysWhyAndWaits() {
        var book = Self.book()
        book.invalidate(reason: "connection lost: reset by peer")
        let lines = DepthLadder(name: "MESZ6", levels: 1, decimals: 2, tickSize: TickSize(dec("0.25"))).lines(for: book, time: Self.time)
        #expect(lines[1] == "book invalid: connection lost: reset by peer — waiting for snapshot")
        #expect(DepthLadder.banner(OrderBook.awaitingSnapshotReason) == "book invalid: no snapshot yet — waiting for snapshot")
        book.apply([DepthEntry(type: .reset), DepthEntry(type: .bid, price: 5000, volume: 1)])
        let valid = DepthLadder(name: "MESZ6", levels: 1, decimals: 2).lines(for: book, time: Self.time)
        #expect(!valid.contains { $0.hasPrefix("book invalid") })
        #expect(valid.contains { $0.hasPrefix("---") && $0.contains(" no asks ") && $0.count == 26 }, "\(valid)")
    }

    @Test func theTerminalLadderHasBarsAndColours() {
        let ladder = DepthLadder(name: "MESZ6", levels: 2, decimals: 2, tickSize: TickSize(dec("0.25")), barWidth: 10, color: true)
        let lines = ladder.lines(for: Self.book(), time: Self.time)
        #expect(lines[0].hasPrefix("\u{1B}[1m"))
        #expect(lines[2].contains("\u{1B}[31m") && lines[2].contains(" " + String(repeating: "█", count: 9)), "12 of 14: \(lines[2])")
        #expect(lines[6].contains("\u{1B}[32m") && lines[6].contains(String(repeating: "█", count: 10)), "the largest size fills the bar: \(lines[6])")
        #expect(lines[4].contains("─ spread 0.25 (1 tick) ─"))
    }

    @Test func depthSnapshotsForJSON() {
        let snapshot = DepthSnapshot(Self.book(), levels: 1)
        #expect(snapshot.valid && snapshot.invalidReason == nil)
        #expect(snapshot.bids == [BookLevel(price: dec("5000.25"), size: 9)])
        #expect(snapshot.asks == [BookLevel(price: dec("5000.5"), size: 3)])
        #expect(snapshot.spread == dec("0.25"))
    }

    @Test func aQuoteLineMergesPartialUpdates() {
        var state = QuoteState()
        state.apply(Quote(lastPrice: dec("5000.25"), bestBid: 5000, bestAsk: dec("5000.25"), change: dec("12.5"), changePercent: dec("0.25"), timestamp: "2026-11-27T14:30:01.123Z"))
        state.apply(Quote(lastPrice: dec("5000.5")))
        let line = QuoteRenderer.line(state: state, name: "MESZ6", decimals: 2, nameWidth: 8)
        #expect(line == "14:30:01.123  MESZ6       5000.50      5000.00      5000.25  +12.50 (+0.25%)")
        #expect(QuoteRenderer.header(nameWidth: 8) == "TIME (UTC)    CONTRACT       LAST          BID          ASK  CHANGE")
        var negative = QuoteState()
        negative.apply(Quote(lastPrice: 4990, change: -10, changePercent: dec("-0.2"), timestamp: "2026-11-27T14:30:01Z"))
        #expect(QuoteRenderer.line(state: negative, name: "MESZ6", decimals: 2, nameWidth: 8).hasSuffix("4990.00            -            -  -10.00 (-0.20%)"))
    }

    @Test func tradeLines() {
        let trade = MarketTrade(symbolId: "F.US.MES", price: dec("5000.25"), timestamp: "2026-11-27T14:30:01.5Z", type: .sell, volume: 3)
        #expect(TradeRenderer.line(trade, name: "MESZ6", decimals: 2, nameWidth: 8) == "14:30:01.500  MESZ6     sell     3      5000.25")
    }

    @Test func accountEventsInPlainWords() {
        let order = Order(id: 7, accountId: 1, contractId: "CON.F.US.MES.Z26", status: .filled, type: .market, side: .buy, size: 2, fillVolume: 2, filledPrice: dec("5000.25"))
        #expect(UserEventDescription.describe(.order(order), accountId: 1)?.details == "7 filled: buy 2 CON.F.US.MES.Z26 market, filled 2 @ 5000.25")
        let stop = Order(id: 8, accountId: 1, contractId: "C", status: .open, type: .stopLimit, side: .sell, size: 1, limitPrice: 4990, stopPrice: 4991)
        #expect(UserEventDescription.describe(.order(stop), accountId: 1)?.details == "8 open: sell 1 C stop-limit @ 4990 stop 4991")
        #expect(UserEventDescription.describe(.order(order), accountId: 2) == nil, "other accounts are skipped")
        let fill = Trade(id: 1, accountId: 1, contractId: "C", price: 5001, profitAndLoss: dec("3.75"), fees: dec("0.37"), side: .sell, size: 1, orderId: 9)
        #expect(UserEventDescription.describe(.trade(fill), accountId: 1)?.details == "order 9: sold 1 C @ 5001, fees 0.37, P&L 3.75")
        let closed = Position(id: 1, accountId: 1, contractId: "C", type: .long, size: 0, averagePrice: 5000)
        #expect(UserEventDescription.describe(.position(closed), accountId: 1)?.details == "C closed (flat)")
        let account = Account(id: 1, name: "PRAC-1", balance: dec("49999.63"), canTrade: false, isVisible: true, simulated: true)
        #expect(UserEventDescription.describe(.account(account), accountId: 1)?.details == "PRAC-1 balance 49999.63, cannot trade")
        #expect(UserEventDescription.describe(.gap(reason: "x"), accountId: 1) == nil)
    }

    @Test func statusChangesWorthALine() throws {
        var reporter = StreamReporter(output: Output(json: false, stdout: { _ in }, stderr: { _ in }), hub: "market")
        #expect(!reporter.shouldReport(.connecting))
        #expect(!reporter.shouldReport(.live(connectionId: "a", subscriptions: 1)), "the first connection is not news")
        #expect(try reporter.status(.reconnecting(reason: HubError(code: .connectionLost, message: "lost"))))
        #expect(!reporter.shouldReport(.reconnecting(reason: HubError(code: .connectionLost, message: "lost"))), "the same status twice is one line")
        #expect(reporter.shouldReport(.reconnecting(reason: HubError(code: .authenticationFailed, message: "401"))))
        #expect(try reporter.status(.live(connectionId: "b", subscriptions: 1)))
        #expect(!reporter.shouldReport(.live(connectionId: "c", subscriptions: 2)))
        #expect(reporter.shouldReport(.stopped(error: HubError(code: .connectFailed, message: "gave up"))))
    }

    @Test func statusAndGapRecordsInJSON() throws {
        let lines = SharedValue<[String]>([])
        let output = Output(json: true, stdout: { text in lines.update { $0.append(text) } }, stderr: { _ in })
        var reporter = StreamReporter(output: output, hub: "market")
        try reporter.gap(contractIds: ["CON.F.US.MES.Z26"], reason: "connection lost")
        try reporter.status(.reconnecting(reason: HubError(code: .connectionLost, message: "connection lost")))
        try reporter.status(.live(connectionId: nil, subscriptions: 2))
        let objects = try lines.value.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["type"] as? String } == ["gap", "status", "status"])
        #expect(objects[0]["contractIds"] as? [String] == ["CON.F.US.MES.Z26"])
        #expect(objects[1]["status"] as? String == "reconnecting" && objects[1]["reason"] as? String == "connection lost")
        #expect(objects[2]["status"] as? String == "live" && objects[2]["subscriptions"] as? Int == 2)
    }

    @Test func pageNotes() {
        #expect(OrdersCommand.pageNote(page: 1, size: 20, shown: 20, total: 57) == "Page 1 of 3: orders 1-20 of 57; next: --page 2.")
        #expect(OrdersCommand.pageNote(page: 3, size: 20, shown: 17, total: 57) == "Page 3 of 3: orders 41-57 of 57.")
        #expect(OrdersCommand.pageNote(page: 2, size: 10, shown: 10, total: nil) == "Page 2: orders 11-20; next: --page 3.")
        #expect(OrdersCommand.pageNote(page: 4, size: 10, shown: 0, total: 12) == "Page 4 is past the end: 12 orders in 2 pages of 10.")
    }

    @Test func statusLists() {
        #expect(OrderStatusListArgument(argument: "open,filled")?.statuses == [.open, .filled])
        #expect(OrderStatusListArgument(argument: "Canceled, pending-cancel ,open,open")?.statuses == [.cancelled, .pendingCancellation, .open])
        #expect(OrderStatusListArgument(argument: "open,sideways") == nil)
        #expect(OrderStatusListArgument(argument: ",") == nil)
    }

    @Test func numbersForStreams() {
        #expect(Formatting.price(dec("5000.5"), decimals: 2) == "5000.50")
        #expect(Formatting.price(dec("-0.0001"), decimals: 2) == "-0.0001", "more digits than the tick: shown, not rounded away")
        #expect(Formatting.price(nil, decimals: 2) == "-")
        #expect(Formatting.signed(dec("12.5"), decimals: 2) == "+12.50")
        #expect(Formatting.signed(dec("-3.25"), decimals: 2) == "-3.25")
        #expect(Formatting.signed(0, decimals: 2) == "0.00")
        #expect(Formatting.timeOfDay(Date(timeIntervalSince1970: 3661.5)) == "01:01:01.500")
        #expect(Formatting.elapsed(.milliseconds(412)) == "412 ms")
        #expect(Formatting.elapsed(.milliseconds(2350)) == "2.35 s")
    }
}
