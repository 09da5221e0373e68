import Foundation
import Gateway

/// What a list of fills adds up to: how many, contracts bought and sold, the realised P&L before
/// fees (gross), the fees and the P&L after them (net), overall and per contract. Voided fills
/// are counted apart and left out of every sum.
///
/// Amounts are exact decimals summed from the gateway's values, never rounded on the way.
///
/// ```swift
/// let totals = FillTotals(fills)
/// totals.net  // gross - fees
/// ```
struct FillTotals: Sendable, Equatable {
    /// The sums of one group of fills (all of them, or one contract's).
    struct Sums: Sendable, Equatable {
        var fills = 0
        var bought = 0
        var sold = 0
        var gross = Decimal(0)
        var fees = Decimal(0)
        var net: Decimal { gross - fees }

        mutating func add(_ fill: Trade) {
            fills += 1
            if fill.side == .buy { bought += fill.size } else { sold += fill.size }
            gross += fill.profitAndLoss ?? 0
            fees += fill.fees
        }
    }

    /// Every counted fill.
    var all = Sums()
    /// Per contract id, in the order the contracts first appear.
    var byContract: [(contractId: String, sums: Sums)] = []
    /// Voided fills, not counted in the sums.
    var voided = 0

    init(_ fills: [Trade]) {
        for fill in fills {
            guard !fill.voided else {
                voided += 1
                continue
            }
            all.add(fill)
            if let index = byContract.firstIndex(where: { $0.contractId == fill.contractId }) {
                byContract[index].sums.add(fill)
            } else {
                var sums = Sums()
                sums.add(fill)
                byContract.append((fill.contractId, sums))
            }
        }
    }

    static func == (lhs: FillTotals, rhs: FillTotals) -> Bool {
        lhs.all == rhs.all && lhs.voided == rhs.voided
            && lhs.byContract.map(\.contractId) == rhs.byContract.map(\.contractId) && lhs.byContract.map(\.sums) == rhs.byContract.map(\.sums)
    }

    /// The lines printed after the `fills` table: the totals, then one line per contract when
    /// there is more than one. `label` names a contract id (`MESZ6`).
    ///
    /// `3 fills: bought 2, sold 1; gross +25.00, fees 4.20, net +20.80`
    func lines(label: (String) -> String = { $0 }) -> [String] {
        var lines = ["Total " + Self.describe(all) + (voided > 0 ? " (\(voided) voided not counted)" : "")]
        guard byContract.count > 1 else { return lines }
        for (contractId, sums) in byContract { lines.append("  \(label(contractId)): " + Self.describe(sums)) }
        return lines
    }

    private static func describe(_ sums: Sums) -> String {
        "\(sums.fills == 1 ? "1 fill" : "\(sums.fills) fills"): bought \(sums.bought), sold \(sums.sold); "
            + "gross \(signedMoney(sums.gross)), fees \(Formatting.exactMoney(sums.fees)), net \(signedMoney(sums.net))"
    }

    /// `+25.00`, `-3.125`, `0.00`: exact money with its sign.
    static func signedMoney(_ value: Decimal) -> String {
        (value > 0 ? "+" : value < 0 ? "-" : "") + Formatting.exactMoney(value.magnitude)
    }
}

extension FillTotals: Encodable {
    private enum Keys: String, CodingKey {
        case totals, fills, bought, sold, grossProfitAndLoss, fees, netProfitAndLoss, voided, byContract, contractId
    }

    /// `{"totals":{"fills":3,"bought":2,"sold":1,"grossProfitAndLoss":25,"fees":4.2,"netProfitAndLoss":20.8,"voided":0,"byContract":[…]}}`
    func encode(to encoder: any Encoder) throws {
        var outer = encoder.container(keyedBy: Keys.self)
        var totals = outer.nestedContainer(keyedBy: Keys.self, forKey: .totals)
        try Self.encode(all, into: &totals)
        try totals.encode(voided, forKey: .voided)
        var list = totals.nestedUnkeyedContainer(forKey: .byContract)
        for (contractId, sums) in byContract {
            var item = list.nestedContainer(keyedBy: Keys.self)
            try item.encode(contractId, forKey: .contractId)
            try Self.encode(sums, into: &item)
        }
    }

    private static func encode(_ sums: Sums, into container: inout KeyedEncodingContainer<Keys>) throws {
        try container.encode(sums.fills, forKey: .fills)
        try container.encode(sums.bought, forKey: .bought)
        try container.encode(sums.sold, forKey: .sold)
        try container.encode(sums.gross, forKey: .grossProfitAndLoss)
        try container.encode(sums.fees, forKey: .fees)
        try container.encode(sums.net, forKey: .netProfitAndLoss)
    }
}
