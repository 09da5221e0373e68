import Foundation

/// The initial state of a trading account.
public struct AccountSeed: Sendable, Equatable {
    public var id: Int
    /// `PRAC-…`, `<size>KTC-…` or `EXPRESS-…`: the stage lives in the name.
    public var name: String
    public var balance: Decimal
    public var canTrade: Bool
    public var isVisible: Bool
    /// Where orders execute (true also for funded accounts), not whether money is at risk.
    public var simulated: Bool
    /// Returned by `Account/search` with `onlyActiveAccounts:true`.
    public var isActive: Bool
    /// A copy-trading follower: cancel fails with 6 "Follower accounts cannot cancel orders".
    public var isFollower: Bool
    /// Bracket handling of `Order/place`.
    public var bracketMode: BracketMode

    /// Creates an account seed.
    public init(
        id: Int, name: String, balance: Decimal, canTrade: Bool = true, isVisible: Bool = true,
        simulated: Bool = true, isActive: Bool = true, isFollower: Bool = false, bracketMode: BracketMode = .autoOCO
    ) {
        self.id = id
        self.name = name
        self.balance = balance
        self.canTrade = canTrade
        self.isVisible = isVisible
        self.simulated = simulated
        self.isActive = isActive
        self.isFollower = isFollower
        self.bracketMode = bracketMode
    }

    /// Five accounts that exercise every account-dependent path, ids `firstId…firstId+4`:
    /// 1. `PRAC-V2-…` practice, $50,000, Auto OCO brackets: the account to develop with.
    /// 2. `50KTC-V2-…` combine, $50,000, Position Brackets (bracket orders are rejected).
    /// 3. `EXPRESS-V2-…` funded follower (cannot cancel orders).
    /// 4. `150KTC-V2-…` breached combine: canTrade false, inactive.
    /// 5. `LIVE-…` a live account (simulated false; cancel not supported).
    public static func defaultSet(firstId: Int) -> [AccountSeed] {
        [
            AccountSeed(id: firstId, name: "PRAC-V2-51342-73810925", balance: 50_000),
            AccountSeed(id: firstId + 1, name: "50KTC-V2-51342-19084532", balance: 50_000, bracketMode: .positionBrackets),
            AccountSeed(id: firstId + 2, name: "EXPRESS-V2-51342-66120487", balance: 50_000, isFollower: true),
            AccountSeed(id: firstId + 3, name: "150KTC-V2-51342-30457718", balance: Decimal(string: "146210.50") ?? 146_210,
                        canTrade: false, isActive: false),
            AccountSeed(id: firstId + 4, name: "LIVE-51342-90011273", balance: 25_000, simulated: false),
        ]
    }
}
