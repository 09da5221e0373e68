import Foundation
import Gateway

extension RiskSummary {
    /// `ticks × tickValue × size` in dollars (the gateway's contracts are US futures, valued in
    /// US dollars), exact: the tick value is read as the decimal it is written as, never as a
    /// binary fraction.
    static func amount(ticks: Int, tickValue: some CustomStringConvertible, size: Int) -> Decimal? {
        guard let value = Decimal(string: tickValue.description, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return Decimal(ticks) * value * Decimal(size)
    }

    /// `$1,234.50` without grouping: `$1234.50`; cents always shown.
    static func dollars(_ amount: Decimal) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let negative = rounded < 0
        let text = (negative ? -rounded : rounded).description
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < 2 { fraction += "0" }
        return (negative ? "-$" : "$") + whole + "." + fraction
    }

    /// "$1.25" for the contract's tick value, or its text when it is not a number.
    static func tickValue(of contract: Contract) -> String {
        amount(ticks: 1, tickValue: contract.tickValue, size: 1).map(dollars) ?? "\(contract.tickValue)"
    }

    /// "1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts": what each tick of movement is
    /// worth at this size.
    static func tickLine(contract: Contract, size: Int) -> String {
        let perContract = tickValue(of: contract)
        let head = "1 tick (\(Formatting.price(contract.tickSize))) = \(perContract) a contract"
        guard size != 1, let total = amount(ticks: 1, tickValue: contract.tickValue, size: size) else { return head }
        return head + ", \(dollars(total)) on \(size) contracts"
    }

    /// "stop loss 8 ticks from the fill = $20.00 (8 x $1.25 x 2)".
    static func bracketLine(_ name: String, ticks: Int, contract: Contract, size: Int) -> String {
        let distance = abs(ticks)
        guard let total = amount(ticks: distance, tickValue: contract.tickValue, size: size) else {
            return "\(name) \(distance) ticks from the fill"
        }
        return "\(name) \(distance) ticks from the fill = \(dollars(total)) (\(distance) x \(tickValue(of: contract)) x \(size))"
    }

    /// "MESZ6 (CON.F.US.MES.Z26)", or the id alone when the contract is not known.
    static func label(_ contractId: String, _ contract: Contract?) -> String {
        guard let contract, contract.name != contractId else { return contractId }
        return "\(contract.name) (\(contractId))"
    }
}
