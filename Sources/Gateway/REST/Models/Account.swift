import Foundation

/// A trading account (`TradingAccountModel`, and the `GatewayUserAccount` hub event).
public struct Account: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    /// The balance in the account's currency, exactly as the gateway reports it.
    public var balance: Decimal
    public var canTrade: Bool
    public var isVisible: Bool
    /// Where orders execute: `true` also on funded accounts, so it does not say whether money is at
    /// risk. The stage is in `name` (`PRAC-…`, `50KTC-…`, `EXPRESS-…`).
    public var simulated: Bool

    public init(id: Int, name: String, balance: Decimal, canTrade: Bool, isVisible: Bool, simulated: Bool) {
        self.id = id
        self.name = name
        self.balance = balance
        self.canTrade = canTrade
        self.isVisible = isVisible
        self.simulated = simulated
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        balance = try container.decodeIfPresent(Decimal.self, forKey: .balance) ?? 0
        canTrade = try container.decodeIfPresent(Bool.self, forKey: .canTrade) ?? false
        isVisible = try container.decodeIfPresent(Bool.self, forKey: .isVisible) ?? true
        // The docs example omits it; assume the cautious value, real money, when it is missing.
        simulated = try container.decodeIfPresent(Bool.self, forKey: .simulated) ?? false
    }
}
