import Foundation
import Gateway
import NIOConcurrencyHelpers

extension DemoScript {
    /// Step 8: every token expires while quotes stream; the stream reports the gap and recovers
    /// with a fresh token. Every time said is measured; what did not happen is said too.
    mutating func expireTokens(recorder: EventRecorder<MarketEvent>) async throws {
        narrator.step(8, "A token expires mid-stream")
        narrator.say(
            "Session tokens expire (after 24 hours on TopstepX). To show what happens, the simulator now expires every token at "
                + "once while quotes stream. The hub's connection is closed; the reconnect is refused (HTTP 401); the token manager "
                + "logs in again; the hub reconnects with the fresh token, re-subscribes, and quotes flow again. The stream reports "
                + "the gap: quotes in between are lost, since the gateway does not replay them."
        )
        let before = await context.client.tokens.statistics
        narrator.command("quote \(symbol)")
        // The tokens expire only once the stream itself has printed quotes: the hub's other
        // consumers may see quotes before this stream is attached, and a gap before its first
        // quote is not one it can show.
        let printed = NIOLockedValueBox(0)
        let context = self.context.printing(to: self.context.output.observingStandardOutput { text in
            printed.withLockedValue { $0 += text.split(separator: "\n").count }
        })
        let symbol = self.symbol
        let stream = Task { try await QuoteCommand.parse([symbol]).execute(in: context) }
        // The header and two quotes.
        let deadline = ContinuousClock.now + .seconds(20)
        while printed.withLockedValue({ $0 }) < 3, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }

        let expiredAt = ContinuousClock.now
        let expiryMark = recorder.lastIndex
        narrator.warning("The simulator expires every token now.")
        await simulator.faults.expireAllTokens()
        let gap = await recorder.first(after: expiryMark, within: .seconds(5)) { event in
            if case .gap = event { return true }
            return false
        }
        let live = await recorder.first(after: gap?.index ?? expiryMark, within: .seconds(20)) { event in
            if case .live = event { return true }
            return false
        }
        // The quote sent on re-subscribing may arrive before the hub reports itself live.
        let quote = await recorder.first(after: gap?.index ?? expiryMark, within: .seconds(20), where: Self.isQuote)
        if let quote {
            _ = await recorder.collect(after: quote.index, within: .seconds(3)) { $0.filter(Self.isQuote).count >= 2 }
        }
        stream.cancel()
        try await stream.value

        let after = await context.client.tokens.statistics
        let newLogins = after.logins - before.logins
        switch (gap, live, quote) {
        case (let gap?, let live?, let quote?):
            report.gapReported = gap.instant - expiredAt
            report.liveAgain = live.instant - expiredAt
            report.recovery = quote.instant - expiredAt
            narrator.result(
                "Recovered in \(Formatting.elapsed(quote.instant - expiredAt)) (expiry to the first quote after the gap): "
                    + "gap reported after \(Formatting.elapsed(gap.instant - expiredAt)), subscriptions restored on a new connection "
                    + "after \(Formatting.elapsed(live.instant - expiredAt))."
            )
            narrator.say(
                "The token manager logged in \(newLogins) more time\(newLogins == 1 ? "" : "s") after \(after.rejectionsReported - before.rejectionsReported) "
                    + "refusal\(after.rejectionsReported - before.rejectionsReported == 1 ? "" : "s") of the expired token; the expired token was never sent again."
            )
        case (nil, _, _):
            narrator.warning(
                "No gap was reported within 5 s: the hub kept its connection after the expiry (a gateway need not close a socket "
                    + "when its token expires). The next REST call or reconnect refreshes the token."
            )
        case (_?, nil, _):
            narrator.warning("The gap was reported, but the hub was not live again within 20 s; it keeps retrying with backoff.")
        case (_?, _?, nil):
            narrator.warning("The hub is live again, but no quote arrived within 20 s of the gap.")
        }
        try await narrator.pause()
    }

    /// The closing summary, with the measured figures.
    func summarize() {
        let total = ContinuousClock.now - started
        narrator.output.text("")
        narrator.title("Summary")
        var rows: [(String, String)] = []
        if let start = report.simulatorStart { rows.append(("simulator", "started in-process in \(Formatting.elapsed(start))")) }
        if let first = report.firstQuote {
            let working = report.firstQuoteWorking.flatMap { $0 < first ? " (\(Formatting.elapsed($0)) without the pauses for reading)" : nil } ?? ""
            rows.append(("first quote", "\(Formatting.elapsed(first)) after start\(working)"))
        } else {
            rows.append(("first quote", "none received"))
        }
        rows.append(("market data", "\(report.quotes) quotes received, \(report.depthUpdates) depth update\(report.depthUpdates == 1 ? "" : "s") drawn"))
        rows.append(("paper trade", [report.entry, report.exit].compactMap { $0 }.joined(separator: ", ").nonEmpty ?? "no fill reported"))
        rows.append(("token expiry", report.recovery.map { "quotes again \(Formatting.elapsed($0)) after every token expired (gap reported, fresh token, re-subscribed)" } ?? "no recovery measured"))
        rows.append(("logins", "\(report.logins) (the first, then one per refused token: \(report.rejectedTokens) refused)"))
        let paused = narrator.paused.value
        rows.append(("total", Formatting.elapsed(total) + (paused > .zero ? ", of which \(Formatting.elapsed(paused)) pauses for reading" : "")))
        for (label, value) in rows {
            narrator.output.text("  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        narrator.output.text("")
        narrator.say(
            "Next: `trading-bot simulator` serves this gateway until Ctrl-C and prints the settings to export; then try "
                + "`trading-bot shell`, `trading-bot depth MES` or `trading-bot watch --account PRAC-V2-51342-73810925`. "
                + "`trading-bot --help` lists every command."
        )
    }
}

extension String {
    /// Nil for an empty string.
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
