import Foundation
import Gateway

extension DemoScript {
    /// Steps 6 and 7: a paper market order, its fill and position over REST and the user hub,
    /// then closing it.
    mutating func trade(on account: Account, contract: Contract) async throws {
        narrator.step(6, "Place a paper order")
        narrator.say(
            "A market order goes out over REST (Order/place). Its effects come back twice: pushed by the user hub as they happen "
                + "(order, fill, position), and from REST when asked."
        )
        let source = UserStreamSource(realtime: context.realtime, accountId: account.id)
        let stream = try await source.open()
        let recorder = EventRecorder(stream.events)
        defer { recorder.stop() }
        try await stream.subscribe()
        narrator.command("order place --account \(account.name) --contract \(symbol) --side buy --type market --size 1")
        try await OrderPlaceCommand.parse([
            "--account", account.name, "--contract", symbol, "--side", "buy", "--type", "market", "--size", "1",
        ]).execute(in: context)
        let opened = await recorder.collect(after: -1, within: .seconds(3)) { events in
            Self.filledOrder(in: events) != nil && events.contains { if case .position(let p) = $0 { return p.size > 0 }; return false }
                && Self.fills(in: events).count >= 1
        }
        narrator.say("Meanwhile the user hub pushed:")
        show(opened.map(\.event), account: account)
        if let fill = Self.fills(in: opened.map(\.event)).first {
            report.entry = "bought 1 \(contract.name) @ \(Formatting.price(fill.price))"
        }
        if let order = Self.filledOrder(in: opened.map(\.event)) {
            narrator.command("order show --account \(account.name) \(order.id)")
            try await OrderShowCommand.parse(["--account", account.name, String(order.id)]).execute(in: context)
        } else {
            narrator.warning("The user hub did not report the fill within 3 s; REST shows the state:")
        }
        narrator.command("positions --account \(account.name)")
        try await PositionsCommand.parse(["--account", account.name]).execute(in: context)
        try await narrator.pause()

        narrator.step(7, "Close the position")
        narrator.say("Position/closeContract closes at market; the closing fill carries the realized profit or loss and the fees.")
        let mark = recorder.lastIndex
        narrator.command("close --account \(account.name) --contract \(symbol)")
        try await CloseCommand.parse(["--account", account.name, "--contract", symbol]).execute(in: context)
        let closed = await recorder.collect(after: mark, within: .seconds(3)) { events in
            events.contains { if case .position(let p) = $0 { return p.size == 0 }; return false }
                && Self.fills(in: events).contains { $0.profitAndLoss != nil }
        }
        show(closed.map(\.event), account: account)
        if let fill = Self.fills(in: closed.map(\.event)).first(where: { $0.profitAndLoss != nil }) {
            let fees = Self.fills(in: opened.map(\.event) + closed.map(\.event)).reduce(0) { $0 + $1.fees }
            report.exit = "sold 1 @ \(Formatting.price(fill.price)): P&L \(Formatting.money(fill.profitAndLoss)), fees \(Formatting.money(fees))"
        }
        narrator.command("positions --account \(account.name)")
        try await PositionsCommand.parse(["--account", account.name]).execute(in: context)
        await Deadline.run(within: .seconds(3)) { await stream.unsubscribe() }
        try await narrator.pause()
    }

    private func show(_ events: [UserEvent], account: Account) {
        for event in events {
            if let line = UserEventDescription.describe(event, accountId: account.id) {
                narrator.detail("user hub: " + line.type.padding(toLength: 9, withPad: " ", startingAt: 0) + line.details)
            }
        }
    }

    static func filledOrder(in events: [UserEvent]) -> Order? {
        events.lazy.compactMap { event -> Order? in
            if case .order(let order) = event, order.status == .filled { return order }
            return nil
        }.first
    }

    static func fills(in events: [UserEvent]) -> [Trade] {
        events.compactMap { event in
            if case .trade(let fill) = event { return fill }
            return nil
        }
    }
}
