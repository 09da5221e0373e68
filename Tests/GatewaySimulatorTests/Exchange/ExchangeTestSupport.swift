import Foundation
import Testing

@testable import GatewaySimulator

/// An exchange over a hand-driven market, with helpers for placing orders as the default user.
struct ExchangeFixture {
    let core: SimulatorCore
    let clock: ManualClock
    var exchange: Exchange { core.exchange }
    let user = SimulatedUser.defaultUserName

    init(_ configure: (inout SimulatorConfiguration) -> Void = { _ in }) {
        (core, clock) = makeCore(configure)
    }

    /// Moves ES (or `contract`) to `price`: last = bid = price, ask = price + 1 tick.
    func market(_ price: Decimal, contract: String = esContract) async {
        let moved = await core.setMarketPrice(contractId: contract, price: price)
        #expect(moved, "price \(price) must be on the grid")
    }

    @discardableResult
    func place(
        account: Int = practiceAccount, contract: String = esContract, type: SimOrderType, side: SimOrderSide, size: Int = 1,
        limit: Decimal? = nil, stop: Decimal? = nil, trail: Decimal? = nil, tag: String? = nil,
        stopLoss: BracketSpec? = nil, takeProfit: BracketSpec? = nil
    ) async -> PlaceOrderOutcome {
        await exchange.place(PlaceOrderCommand(
            accountId: account, contractId: contract, type: type.rawValue, side: side.rawValue, size: size,
            limitPrice: limit, stopPrice: stop, trailPrice: trail, customTag: tag, stopLossBracket: stopLoss,
            takeProfitBracket: takeProfit
        ), by: user)
    }

    func order(_ id: Int64?, account: Int = practiceAccount) async -> SimOrder? {
        guard let id else { return nil }
        return try? await exchange.order(id: id, accountId: account, by: user).get()
    }

    func positions(account: Int = practiceAccount) async -> [SimPosition] {
        (try? await exchange.openPositions(accountId: account, by: user).get()) ?? []
    }

    func trades(account: Int = practiceAccount) async -> [SimTrade] {
        (try? await exchange.trades(accountId: account, from: nil, to: nil, by: user).get()) ?? []
    }

    func balance(account: Int = practiceAccount) async -> Decimal? {
        await exchange.account(account, ownedBy: user)?.balance
    }
}

func decimal(_ text: String) -> Decimal { Decimal(string: text) ?? .nan }
