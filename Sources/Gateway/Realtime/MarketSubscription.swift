/// One wanted market-hub subscription: a data kind for one contract.
public struct MarketSubscription: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case quotes, trades, depth

        /// The hub method that subscribes.
        var subscribeMethod: String {
            switch self {
            case .quotes: "SubscribeContractQuotes"
            case .trades: "SubscribeContractTrades"
            case .depth: "SubscribeContractMarketDepth"
            }
        }

        /// The hub method that unsubscribes.
        var unsubscribeMethod: String {
            switch self {
            case .quotes: "UnsubscribeContractQuotes"
            case .trades: "UnsubscribeContractTrades"
            case .depth: "UnsubscribeContractMarketDepth"
            }
        }
    }

    public var kind: Kind
    /// The full contract id, `CON.F.US.EP.U25`.
    public var contractId: String

    public init(_ kind: Kind, _ contractId: String) {
        self.kind = kind
        self.contractId = contractId
    }

    public var description: String { "\(kind) \(contractId)" }
}
