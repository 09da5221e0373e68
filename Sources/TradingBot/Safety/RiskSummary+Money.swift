import Foundation
import Gateway

extension RiskSummary {
    /// `ticks × tickValue × size` in dollars (the gateway's contracts are US futures, valued in
    /// US dollars), exact: the tick value is the decimal the gateway wrote.
    static func amount(ticks: Int, tickValue: Decimal, size: Int) -> Decimal {
        Decimal(ticks) * tickValue * Decimal(size)
    }

    /// `$1234.50` without grouping; cents always shown, and every further digit an exact amount
    /// has (a tick of ZN is worth `$15.625`): what is at risk is never shown rounded.
    static func dollars(_ amount: Decimal) -> String {
        (amount < 0 ? "-$" : "$") + Formatting.exactMoney(amount.magnitude)
    }

    /// "$1.25" for the contract's tick value.
    static func tickValue(of contract: Contract) -> String {
        dollars(contract.tickValue)
    }

    /// "1 tick (0.25) = $1.25 a contract, $2.50 on 2 contracts": what each tick of movement is
    /// worth at this size.
    static func tickLine(contract: Contract, size: Int) -> String {
        let perContract = tickValue(of: contract)
        let head = "1 tick (\(Formatting.price(contract.tickSize))) = \(perContract) a contract"
        guard size != 1 else { return head }
        return head + ", \(dollars(amount(ticks: 1, tickValue: contract.tickValue, size: size))) on \(size) contracts"
    }

    /// "stop loss 8 ticks from the fill = $20.00 (8 x $1.25 x 2)".
    static func bracketLine(_ name: String, ticks: Int, contract: Contract, size: Int) -> String {
        let distance = abs(ticks)
        let total = amount(ticks: distance, tickValue: contract.tickValue, size: size)
        return "\(name) \(distance) ticks from the fill = \(dollars(total)) (\(distance) x \(tickValue(of: contract)) x \(size))"
    }

    /// "MESZ6 (CON.F.US.MES.Z26)", or the id alone when the contract is not known.
    static func label(_ contractId: String, _ contract: Contract?) -> String {
        guard let contract, contract.name != contractId else { return contractId }
        return "\(contract.name) (\(contractId))"
    }
}
