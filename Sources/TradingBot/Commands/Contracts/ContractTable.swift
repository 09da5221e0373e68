import Gateway

/// The table of contracts shared by the `contracts` commands.
enum ContractTable {
    static func make(_ contracts: [Contract]) -> TextTable {
        var table = TextTable(columns: [
            .left("ID"), .left("NAME"), .left("DESCRIPTION"), .right("TICK SIZE"), .right("TICK VALUE"), .left("ACTIVE"),
        ])
        for contract in contracts {
            table.append([
                contract.id, contract.name, contract.description, Formatting.price(contract.tickSize),
                Formatting.exactMoney(contract.tickValue), Formatting.yesNo(contract.activeContract),
            ])
        }
        return table
    }

    /// Prints `contracts` as a table or JSON lines.
    static func print(_ contracts: [Contract], to output: Output, empty: String) throws {
        try output.jsonLines(contracts)
        output.table(make(contracts), empty: empty)
    }
}
