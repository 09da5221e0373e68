import Foundation

/// `GatewayUserAccount` data.
public struct AccountEventPayload: Codable, Sendable, Equatable {
    public var id: Int
    public var name: String
    public var balance: Decimal
    public var canTrade: Bool
    public var isVisible: Bool
    public var simulated: Bool

    init(_ account: SimAccount) {
        id = account.id
        name = account.name
        balance = account.balance
        canTrade = account.seed.canTrade
        isVisible = account.seed.isVisible
        simulated = account.seed.simulated
    }
}

/// `GatewayUserOrder` data (the fields of the realtime docs; nullable prices are sent as null).
public struct OrderEventPayload: Codable, Sendable, Equatable {
    public var id: Int64
    public var accountId: Int
    public var contractId: String
    public var symbolId: String
    public var creationTimestamp: String
    public var updateTimestamp: Nullable<String>
    public var status: Int
    public var type: Int
    public var side: Int
    public var size: Int
    public var limitPrice: Nullable<Decimal>
    public var stopPrice: Nullable<Decimal>
    public var fillVolume: Int
    public var filledPrice: Nullable<Decimal>
    public var customTag: Nullable<String>

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
    }
}

/// `GatewayUserPosition` data. A closed position is announced with `size` 0.
public struct PositionEventPayload: Codable, Sendable, Equatable {
    public var id: Int
    public var accountId: Int
    public var contractId: String
    public var creationTimestamp: String
    public var type: Int
    public var size: Int
    public var averagePrice: Decimal

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

/// `GatewayUserTrade` data. `profitAndLoss` is null on an opening (half-turn) fill.
public struct TradeEventPayload: Codable, Sendable, Equatable {
    public var id: Int64
    public var accountId: Int
    public var contractId: String
    public var creationTimestamp: String
    public var price: Decimal
    public var profitAndLoss: Nullable<Decimal>
    public var fees: Decimal
    public var side: Int
    public var size: Int
    public var voided: Bool
    public var orderId: Int64

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

/// A user-hub event: the hub sends it as `<hubMethod>(data)`, one argument, a single object.
public enum SimUserEvent: Sendable, Equatable {
    case account(AccountEventPayload)
    case order(OrderEventPayload)
    case position(PositionEventPayload)
    case trade(TradeEventPayload)

    /// The account the event belongs to.
    public var accountId: Int {
        switch self {
        case .account(let payload): payload.id
        case .order(let payload): payload.accountId
        case .position(let payload): payload.accountId
        case .trade(let payload): payload.accountId
        }
    }

    /// `GatewayUserAccount`, `GatewayUserOrder`, `GatewayUserPosition` or `GatewayUserTrade`.
    public var hubMethod: String {
        switch self {
        case .account: "GatewayUserAccount"
        case .order: "GatewayUserOrder"
        case .position: "GatewayUserPosition"
        case .trade: "GatewayUserTrade"
        }
    }
}
