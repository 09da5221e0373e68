extension GatewayClient {
    private struct ContractSearch: Encodable, Sendable { var searchText: String; var live: Bool }
    private struct ContractById: Encodable, Sendable { var contractId: String }
    private struct ContractsAvailable: Encodable, Sendable { var live: Bool }

    /// `Contract/search`: a fuzzy search, at most 20 results. `live: false` is the simulated-data
    /// tier that practice accounts use; the wrong tier answers an empty list, not an error.
    public func searchContracts(_ text: String, live: Bool = false) async throws -> [Contract] {
        try await call(.contractSearch, body: ContractSearch(searchText: text, live: live), payload: "contracts") ?? []
    }

    /// `Contract/searchById`: one contract, expired ones included.
    public func contract(id: String) async throws -> Contract {
        guard let contract: Contract = try await call(.contractSearchById, body: ContractById(contractId: id), payload: "contract") else {
            throw GatewayError.rejected(endpoint: .contractSearchById, code: 1, message: "Contract \(id) was not found.", orderId: nil)
        }
        return contract
    }

    /// `Contract/available`: every active contract of a tier.
    public func availableContracts(live: Bool = false) async throws -> [Contract] {
        try await call(.contractAvailable, body: ContractsAvailable(live: live), payload: "contracts") ?? []
    }

    /// Resolves what a person types (`ES`, `MNQ`, `CON.F.US.EP.U25`) to one active contract: an id
    /// is looked up directly, otherwise the search result whose product or name matches exactly
    /// wins over the fuzzy matches.
    public func resolveContract(_ text: String, live: Bool = false) async throws -> Contract {
        if text.hasPrefix("CON.") { return try await contract(id: text) }
        let wanted = text.uppercased()
        let candidates = try await searchContracts(text, live: live)
        if let exact = candidates.first(where: { $0.name.uppercased() == wanted || $0.id.uppercased() == wanted }) {
            return exact
        }
        // The name drops the year (`ESU5`); match on the product root of the name.
        if let byRoot = candidates.first(where: { Self.root(of: $0.name) == wanted && $0.activeContract }) {
            return byRoot
        }
        throw GatewayError.rejected(
            endpoint: .contractSearch, code: 0,
            message: "No active contract matches '\(text)'" + (candidates.isEmpty ? "." : "; close matches: \(candidates.prefix(5).map(\.name).joined(separator: ", ")). Use a full contract id."),
            orderId: nil
        )
    }

    /// `ESU5` → `ES`, `MNQZ25` → `MNQ`: the name without its month code and year.
    static func root(of name: String) -> String {
        var characters = Array(name.uppercased())
        while let last = characters.last, last.isNumber { characters.removeLast() }
        if let last = characters.last, "FGHJKMNQUVXZ".contains(last), characters.count > 1 { characters.removeLast() }
        return String(characters)
    }
}
