/// One wanted user-hub subscription.
public enum UserSubscription: Sendable, Hashable, CustomStringConvertible {
    /// Account updates for every account of the user.
    case accounts
    case orders(accountId: Int)
    case positions(accountId: Int)
    case trades(accountId: Int)

    var subscribeMethod: String {
        switch self {
        case .accounts: "SubscribeAccounts"
        case .orders: "SubscribeOrders"
        case .positions: "SubscribePositions"
        case .trades: "SubscribeTrades"
        }
    }

    var unsubscribeMethod: String {
        switch self {
        case .accounts: "UnsubscribeAccounts"
        case .orders: "UnsubscribeOrders"
        case .positions: "UnsubscribePositions"
        case .trades: "UnsubscribeTrades"
        }
    }

    /// The argument the hub method takes; accounts takes none (the safe choice of the reference).
    var accountId: Int? {
        switch self {
        case .accounts: nil
        case .orders(let id), .positions(let id), .trades(let id): id
        }
    }

    public var description: String {
        switch self {
        case .accounts: "accounts"
        case .orders(let id): "orders \(id)"
        case .positions(let id): "positions \(id)"
        case .trades(let id): "trades \(id)"
        }
    }
}
