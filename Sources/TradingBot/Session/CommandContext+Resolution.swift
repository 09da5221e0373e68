import Foundation
import Gateway

extension CommandContext {
    /// The account `reference` names: an id, or else an exact name. Inactive accounts count too,
    /// so that their orders and positions can still be inspected. A reference that names two
    /// accounts (the id of one and the name of another, or a name two accounts share) is an
    /// error, never a guess.
    func account(_ reference: String) async throws -> Account {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let accounts = try await client.accounts(onlyActive: false)
        let byId = Int(trimmed).flatMap { id in accounts.first { $0.id == id } }
        let byName = accounts.filter { $0.name == trimmed }
        if byName.count > 1 || (byId != nil && byName.contains { $0.id != byId?.id }) {
            let both = ([byId].compactMap { $0 } + byName).map { "\($0.id) \($0.name)" }.joined(separator: ", ")
            throw CLIError.usage("\"\(trimmed)\" names more than one account (\(both)); give the id of the one you mean.")
        }
        if let match = byId ?? byName.first { return match }
        let known = accounts.prefix(6).map { "\($0.id) \($0.name)" }.joined(separator: ", ")
        throw CLIError.notFound(
            "No account with the id or exact name \"\(trimmed)\"\(known.isEmpty ? "; this user has no accounts" : " (yours: \(known))"). "
                + "List them with `trading-bot accounts --all`."
        )
    }

    /// The account `reference` names, or when it is nil the default account of read commands
    /// (``ResolvedConfiguration/defaultAccount``); without either, an error naming every way to
    /// give one. Commands that write call ``account(_:)`` with their required `--account`.
    func readAccount(_ reference: String?) async throws -> Account {
        if let reference { return try await account(reference) }
        guard let fallback = configuration.defaultAccount else {
            throw CLIError.usage(
                "No account: pass --account ID-OR-NAME, set PROJECTX_ACCOUNT, or add \"account\" to \(configuration.configFile ?? configuration.configPathHint). "
                    + "List them with `trading-bot accounts`."
            )
        }
        do {
            return try await account(fallback)
        } catch let error as CLIError {
            throw CLIError("\(error.message) (\"\(fallback)\" is the default account, from \(configuration.defaultAccountSetting ?? "the configuration").)", status: error.status)
        }
    }

    /// The instant `time` names (nil for nil), read in the display zone with the clock's reading
    /// now; `option` (`--from`) words the error for a wall-clock time the zone skips.
    func instant(_ time: TimeArgument?, option: String, now: Date = Date()) throws(CLIError) -> Date? {
        try time?.date(now: now, in: configuration.timeZone, option: option)
    }

    /// The symbols of `contractIds`, from one `Contract/available` list (no request when there
    /// are no ids). Symbols only name what the table already identifies by id, so a failure to
    /// read the list leaves them empty (and is logged) rather than failing the command.
    func contractSymbols(for contractIds: [String]) async -> ContractSymbols {
        guard !contractIds.isEmpty else { return ContractSymbols() }
        do {
            return ContractSymbols(try await client.availableContracts(live: false))
        } catch {
            logger.debug("No contract symbols: the contract list could not be read.", metadata: ["error": "\(error)"])
            return ContractSymbols()
        }
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
