import Gateway

/// The symbols (`MESZ6`) of contract ids (`CON.F.US.MES.Z26`), for the tables that list orders,
/// positions and fills: read once per command from a contract list, never per row.
///
/// An id the list does not hold (an expired contract) has no symbol; its cell is left empty and
/// the id column still names it.
///
/// ```swift
/// let symbols = ContractSymbols([mes])
/// symbols.symbol(of: "CON.F.US.MES.Z26")   // "MESZ6"
/// symbols.label(of: "CON.F.US.MES.Z26")    // "MESZ6"; the id itself when unknown
/// ```
struct ContractSymbols: Sendable, Equatable {
    private var names: [String: String] = [:]

    init(_ contracts: [Contract] = []) {
        for contract in contracts where !contract.name.isEmpty { names[contract.id] = contract.name }
    }

    /// The symbol of `contractId`, or an empty string when it is not known.
    func symbol(of contractId: String) -> String {
        names[contractId] ?? ""
    }

    /// The symbol of `contractId`, or the id itself when it is not known.
    func label(of contractId: String) -> String {
        names[contractId] ?? contractId
    }
}
