import Foundation
import Gateway

extension CommandContext {
    /// The confirmation policy of this session's configuration.
    var confirmationPolicy: ConfirmationPolicy {
        ConfirmationPolicy(noConfirmAccounts: configuration.noConfirmAccounts, configPath: configuration.configFile ?? configuration.configPathHint)
    }

    /// The order-size limit in force for a command given `--max-order-size flag` (nil: not given).
    func orderSizeLimit(flag: Int?) -> OrderSizeLimit {
        OrderSizeLimit(flag: flag, file: configuration.maxOrderSize, configFile: configuration.configFile, configPathHint: configuration.configPathHint)
    }

    /// Returns when the write `action` on `account` may be sent; throws a usage error (exit 64)
    /// when nobody can confirm it, and ``CLIError/declined`` (exit 1) when the person does not.
    ///
    /// - Parameter details: the facts for the prompt (they may need reads, such as the order
    ///   being changed); asked for only when a prompt is shown.
    func confirm(_ action: String, on account: Account, assumeYes: Bool, details: () async throws -> [String] = { [] }) async throws {
        let policy = confirmationPolicy
        guard policy.exemption(for: account, assumeYes: assumeYes) == nil else { return }
        let interactive = confirmer.isInteractive()
        let risk = RiskSummary(action: action, details: interactive ? try await details() : [])
        switch policy.decide(account: account, risk: risk, assumeYes: assumeYes, isInteractive: interactive) {
        case .proceed:
            return
        case .refuse(let message):
            throw CLIError.usage(message)
        case .ask(let prompt):
            guard ConfirmationPolicy.accepts(confirmer.ask(prompt)) else { throw CLIError.declined }
        }
    }

    /// Prints what `--dry-run` shows for `requests`: one line each on stdout (`POST URL BODY`, or
    /// a JSON object with `--json`), then a note on stderr that nothing was sent.
    func printDryRun(_ requests: [WriteRequest]) throws {
        for request in requests {
            try output.jsonLine(DryRunRecord(request, apiRoot: configuration.apiURL))
            output.text(try request.line(apiRoot: configuration.apiURL))
        }
        output.note("Dry run: nothing was sent (\(requests.count) request\(requests.count == 1 ? "" : "s") shown).")
    }

    /// The contracts with these ids, for prompts; a contract that cannot be read is left out
    /// (the prompt then shows its id alone).
    func contractsForPrompt(_ ids: some Sequence<String>) async -> [String: Contract] {
        var contracts: [String: Contract] = [:]
        for id in Set(ids) {
            if let contract = try? await client.contract(id: id) { contracts[id] = contract }
        }
        return contracts
    }
}
