import ArgumentParser
import Gateway

/// `--type market|limit|stop|trailing|join-bid|join-ask`, and the prices each one needs.
enum OrderTypeArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case market
    case limit
    case stop
    case trailing
    case joinBid = "join-bid"
    case joinAsk = "join-ask"

    /// The gateway's order type.
    var orderType: OrderType {
        switch self {
        case .market: .market
        case .limit: .limit
        case .stop: .stop
        case .trailing: .trailingStop
        case .joinBid: .joinBid
        case .joinAsk: .joinAsk
        }
    }

    /// The one price flag this type requires, if any.
    var requiredPrice: OrderPriceFlag? {
        switch self {
        case .limit: .limit
        case .stop: .stop
        case .trailing: .trail
        case .market, .joinBid, .joinAsk: nil
        }
    }
}
