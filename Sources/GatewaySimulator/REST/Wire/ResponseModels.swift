import Foundation

/// `TradingAccountModel`.
struct AccountWire: Encodable {
    let id: Int
    let name: String
    let balance: Decimal
    let canTrade: Bool
    let isVisible: Bool
    let simulated: Bool

    init(_ account: SimAccount) {
        id = account.id
        name = account.name
        balance = account.balance
        canTrade = account.seed.canTrade
        isVisible = account.seed.isVisible
        simulated = account.seed.simulated
    }
}

/// `ContractModel`.
struct ContractWire: Encodable {
    let id: String
    let name: String
    let description: String
    let tickSize: Decimal
    let tickValue: Decimal
    let activeContract: Bool
    let symbolId: String

    init(_ contract: SimContract) {
        id = contract.id
        name = contract.name
        description = contract.description
        tickSize = contract.tickSize
        tickValue = contract.tickValue
        activeContract = contract.isActive
        symbolId = contract.symbolId
    }
}

/// `AggregateBarModel`.
struct BarWire: Encodable {
    let t: String
    let o: Decimal
    let h: Decimal
    let l: Decimal
    let c: Decimal
    let v: Int

    init(_ bar: SimBar) {
        t = ISOTimestamp.format(bar.time, fractionalDigits: 0)
        o = bar.open
        h = bar.high
        l = bar.low
        c = bar.close
        v = bar.volume
    }
}

/// `OrderModel`, with the fields the newer swagger adds (`trailDistance`, `trailPrice` as the
/// distance in price, `parentOrderId`, `linkedOrderId`), all nullable.
struct OrderWire: Encodable {
    let id: Int64
    let accountId: Int
    let contractId: String
    let symbolId: String
    let creationTimestamp: String
    let updateTimestamp: Nullable<String>
    let status: Int
    let type: Int
    let side: Int
    let size: Int
    let limitPrice: Nullable<Decimal>
    let stopPrice: Nullable<Decimal>
    let fillVolume: Int
    let filledPrice: Nullable<Decimal>
    let customTag: Nullable<String>
    let trailDistance: Nullable<Int>
    let trailPrice: Nullable<Decimal>
    let parentOrderId: Nullable<Int64>
    let linkedOrderId: Nullable<Int64>

    init(_ order: SimOrder) {
        id = order.id
        accountId = order.accountId
        contractId = order.contractId
        symbolId = order.symbolId
        creationTimestamp = ISOTimestamp.format(order.creationTimestamp)
        updateTimestamp = Nullable(order.updateTimestamp.map { ISOTimestamp.format($0) })
        status = order.status.rawValue
        type = order.type.rawValue
        side = order.side.rawValue
        size = order.size
        limitPrice = Nullable(order.limitPrice)
        stopPrice = Nullable(order.stopPrice)
        fillVolume = order.fillVolume
        filledPrice = Nullable(order.filledPrice)
        customTag = Nullable(order.customTag)
        trailDistance = Nullable(order.trailDistance)
        trailPrice = Nullable(order.trailPrice)
        parentOrderId = Nullable(order.parentOrderId)
        linkedOrderId = Nullable(order.linkedOrderId)
    }
}

/// `PositionModel`: `size` unsigned, direction in `type`.
struct PositionWire: Encodable {
    let id: Int
    let accountId: Int
    let contractId: String
    let creationTimestamp: String
    let type: Int
    let size: Int
    let averagePrice: Decimal

    init(_ position: SimPosition) {
        id = position.id
        accountId = position.accountId
        contractId = position.contractId
        creationTimestamp = ISOTimestamp.format(position.creationTimestamp)
        type = position.type.rawValue
        size = position.size
        averagePrice = position.averagePrice
    }
}

/// `HalfTradeModel`: one fill; `profitAndLoss` null on an opening fill.
struct TradeWire: Encodable {
    let id: Int64
    let accountId: Int
    let contractId: String
    let creationTimestamp: String
    let price: Decimal
    let profitAndLoss: Nullable<Decimal>
    let fees: Decimal
    let side: Int
    let size: Int
    let voided: Bool
    let orderId: Int64

    init(_ trade: SimTrade) {
        id = trade.id
        accountId = trade.accountId
        contractId = trade.contractId
        creationTimestamp = ISOTimestamp.format(trade.creationTimestamp)
        price = trade.price
        profitAndLoss = Nullable(trade.profitAndLoss)
        fees = trade.fees
        side = trade.side.rawValue
        size = trade.size
        voided = trade.voided
        orderId = trade.orderId
    }
}
