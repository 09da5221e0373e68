import Foundation

/// The contracts the simulator lists, as of one simulated date: for every product the front
/// month (active) and the previous month (expired: it resolves by id with `activeContract:false`
/// but search and available never return it).
///
/// Tiers: everything belongs to the sim tier (`live:false`); the live tier is empty, as it is for
/// practice credentials on the real gateway.
public struct ContractCatalog: Sendable {
    /// The date the front months were computed for.
    public let asOf: Date
    /// Active front-month contracts, one per product, in product order.
    public let activeContracts: [SimContract]
    /// Expired prior-month contracts, one per product.
    public let expiredContracts: [SimContract]
    private let byId: [String: SimContract]

    /// The documented cap of search results.
    public static let searchLimit = 20

    /// Lists `products` as of `date`.
    public init(products: [ProductSpec] = ProductSpec.standard, asOf date: Date) {
        self.asOf = date
        let today = CivilDate(date)
        var active: [SimContract] = []
        var expired: [SimContract] = []
        for product in products {
            let (front, prior) = ContractCatalog.frontAndPrior(of: product, on: today)
            active.append(SimContract(product: product, month: front.month, year: front.year, isActive: true))
            expired.append(SimContract(product: product, month: prior.month, year: prior.year, isActive: false))
        }
        self.activeContracts = active
        self.expiredContracts = expired
        var index: [String: SimContract] = [:]
        for contract in expired + active { index[contract.id] = contract }
        self.byId = index
    }

    /// The listed (month, year) pairs of `product` around `today`: the first whose roll date is
    /// after today is the front month; the one before it is the expired prior month.
    static func frontAndPrior(of product: ProductSpec, on today: CivilDate) -> (CivilDate, CivilDate) {
        var listed: [CivilDate] = []
        for year in (today.year - 1)...(today.year + 2) {
            for month in product.months { listed.append(CivilDate(year: year, month: month, day: 1)) }
        }
        let todayNumber = today.dayNumber
        for (offset, candidate) in listed.enumerated() where offset > 0 {
            var roll = candidate.addingMonths(product.rollMonthOffset)
            roll.day = product.rollDay
            if todayNumber < roll.dayNumber { return (candidate, listed[offset - 1]) }
        }
        // Unreachable for any cycle with at least one month per year; keep a sane answer anyway.
        return (listed[listed.count - 1], listed[listed.count - 2])
    }

    /// Resolves any listed contract, active or expired, by id (case-insensitive like the gateway).
    public func contract(id: String) -> SimContract? {
        byId[id] ?? byId.first { $0.key.caseInsensitiveCompare(id) == .orderedSame }?.value
    }

    /// Active contracts of a tier: the sim tier lists every product, the live tier none.
    public func available(live: Bool) -> [SimContract] {
        live ? [] : activeContracts
    }

    /// Fuzzy search over active contracts of a tier, best matches first, at most 20.
    ///
    /// A contract matches when the trimmed, case-insensitive text is contained in its product
    /// segment, root, name, symbol id, contract id or description. Ranking: exact product or
    /// root, then name/product/root prefix, then other matches; ties keep catalog order. An empty
    /// text matches everything (still capped at 20).
    public func search(text: String, live: Bool) -> [SimContract] {
        let needle = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        var ranked: [(rank: Int, order: Int, contract: SimContract)] = []
        for (order, contract) in available(live: live).enumerated() {
            if let rank = ContractCatalog.rank(contract, needle) {
                ranked.append((rank, order, contract))
            }
        }
        ranked.sort { ($0.rank, $0.order) < ($1.rank, $1.order) }
        return ranked.prefix(ContractCatalog.searchLimit).map(\.contract)
    }

    private static func rank(_ contract: SimContract, _ needle: String) -> Int? {
        if needle.isEmpty { return 3 }
        let product = contract.product.product.lowercased()
        let root = contract.product.root.lowercased()
        let name = contract.name.lowercased()
        if product == needle || root == needle || name == needle || contract.id.lowercased() == needle { return 0 }
        if product.hasPrefix(needle) || root.hasPrefix(needle) || name.hasPrefix(needle) { return 1 }
        let haystacks = [product, root, name, contract.symbolId.lowercased(), contract.id.lowercased()]
        if haystacks.contains(where: { $0.contains(needle) }) { return 2 }
        if contract.description.lowercased().contains(needle) { return 3 }
        return nil
    }
}
