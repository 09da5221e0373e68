import Foundation

/// A bracket leg request: direction-signed distance in ticks from the entry fill, and the
/// order type of the protective order.
public struct BracketSpec: Sendable, Equatable {
    public var ticks: Int
    /// Raw SimOrderType integer.
    public var type: Int

    /// Creates a bracket leg.
    public init(ticks: Int, type: Int) {
        self.ticks = ticks
        self.type = type
    }
}

/// An order as the exchange holds it. Prices are kept in ticks; the public accessors give
/// wire prices.
public struct SimOrder: Sendable, Equatable {
    public let id: Int64
    public let accountId: Int
    public let contractId: String
    public let symbolId: String
    let contract: SimContract
    public let creationTimestamp: Date
    public var updateTimestamp: Date?
    public var status: SimOrderStatus
    public let type: SimOrderType
    public let side: SimOrderSide
    public var size: Int
    var limitTicks: Int64?
    var stopTicks: Int64?
    /// Trailing distance in ticks (TrailingStop only).
    var trailTicks: Int64?
    public var fillVolume: Int
    var filledTicks: Int64?
    public let customTag: String?
    /// The entry order of a bracket child.
    public var parentOrderId: Int64?
    /// The OCO sibling of a bracket child.
    public var linkedOrderId: Int64?
    var pendingStopLoss: BracketSpec?
    var pendingTakeProfit: BracketSpec?
    /// A StopLimit whose stop has triggered now works as a limit.
    var triggered = false

    public var limitPrice: Decimal? { limitTicks.map(contract.decimalPrice(ofTicks:)) }
    public var stopPrice: Decimal? { stopTicks.map(contract.decimalPrice(ofTicks:)) }
    /// On read-back the trailing distance in price units (as reported).
    public var trailPrice: Decimal? { trailTicks.map(contract.decimalPrice(ofTicks:)) }
    /// Trailing distance in ticks.
    public var trailDistance: Int? { trailTicks.map { Int($0) } }
    public var filledPrice: Decimal? { filledTicks.map(contract.decimalPrice(ofTicks:)) }

    /// Buy-side limit semantics apply (Limit, JoinBid, JoinAsk, or a triggered StopLimit).
    var worksAsLimit: Bool {
        switch type {
        case .limit, .joinBid, .joinAsk: true
        case .stopLimit: triggered
        default: false
        }
    }
}

/// An open position. `size` is unsigned; the direction is ``type``.
public struct SimPosition: Sendable, Equatable {
    public let id: Int
    public let accountId: Int
    public let contractId: String
    public let creationTimestamp: Date
    public var type: SimPositionType
    public var size: Int
    public var averagePrice: Decimal

    /// +size for long, -size for short.
    var signedSize: Int { type == .short ? -size : size }
}

/// One fill (a half-turn trade row). `profitAndLoss` is nil for a purely opening fill.
public struct SimTrade: Sendable, Equatable {
    public let id: Int64
    public let accountId: Int
    public let contractId: String
    public let creationTimestamp: Date
    public let price: Decimal
    public let profitAndLoss: Decimal?
    public let fees: Decimal
    public let side: SimOrderSide
    public let size: Int
    public let voided: Bool
    public let orderId: Int64
}

/// An account and its live balance.
public struct SimAccount: Sendable, Equatable {
    public let seed: AccountSeed
    public let owner: String
    public var balance: Decimal

    public var id: Int { seed.id }
    public var name: String { seed.name }
}
