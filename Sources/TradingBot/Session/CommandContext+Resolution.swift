import Foundation
import Gateway

extension CommandContext {
    /// The account `reference` names: an id, or else an exact name. Inactive accounts count too,
    /// so that their orders and positions can still be inspected.
    func account(_ reference: String) async throws -> Account {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let accounts = try await client.accounts(onlyActive: false)
        if let id = Int(trimmed), let match = accounts.first(where: { $0.id == id }) { return match }
        if let match = accounts.first(where: { $0.name == trimmed }) { return match }
        let known = accounts.prefix(6).map { "\($0.id) \($0.name)" }.joined(separator: ", ")
        throw CLIError.notFound(
            "No account with the id or exact name \"\(trimmed)\"\(known.isEmpty ? "; this user has no accounts" : " (yours: \(known))"). "
                + "List them with `trading-bot accounts --all`."
        )
    }

    /// The contract `reference` names: a full id (`CON.F.US.MES.Z26`) or a symbol (`MES`),
    /// searched on the simulated-data tier first, then the live tier.
    func contract(_ reference: String, live: Bool? = nil) async throws -> Contract {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CLIError.usage("The contract is empty; give an id such as CON.F.US.MES.Z26 or a symbol such as MES.") }
        let tiers = live.map { [$0] } ?? [false, true]
        var lastFailure: GatewayError?
        for tier in tiers {
            do {
                return try await client.resolveContract(trimmed, live: tier)
            } catch let error as GatewayError {
                // Only "not found" moves on to the next tier; anything else is the real failure.
                guard case .rejected(let endpoint, let code, _, _) = error,
                      (endpoint == .contractSearch && code == 0) || (endpoint == .contractSearchById && code == 1) else { throw error }
                lastFailure = error
                if endpoint == .contractSearchById { break }
            }
        }
        var detail = ""
        if case .rejected(_, _, let message?, _) = lastFailure, let range = message.range(of: "close matches: ") {
            let list = message[range.upperBound...].components(separatedBy: ". ").first ?? ""
            detail = "; close matches: " + list.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        }
        throw CLIError.notFound(
            "Unknown contract \"\(trimmed)\"\(detail). Find it with `trading-bot contracts search \(trimmed.hasPrefix("CON.") ? "TEXT" : trimmed)`."
        )
    }

    /// The contracts `references` name, each resolved as ``contract(_:live:)`` does, without
    /// duplicates, in the order given.
    func contracts(_ references: [String]) async throws -> [Contract] {
        var resolved: [Contract] = []
        for reference in references {
            let contract = try await contract(reference)
            if !resolved.contains(where: { $0.id == contract.id }) { resolved.append(contract) }
        }
        return resolved
    }
}
