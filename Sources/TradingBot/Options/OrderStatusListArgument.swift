import ArgumentParser
import Gateway

/// `--status open,filled`: order statuses by the names the program prints (`open`, `filled`,
/// `cancelled`, `expired`, `rejected`, `pending`, `pending-cancel`, `suspended`), separated by
/// commas; the option may also be repeated.
struct OrderStatusListArgument: ExpressibleByArgument, Sendable, Equatable {
    let statuses: [OrderStatus]

    /// The names accepted, in the gateway's order.
    static let names: [(String, OrderStatus)] = OrderStatus.allCases.filter { $0 != .none }.map { (Formatting.status($0), $0) }

    init(statuses: [OrderStatus]) {
        self.statuses = statuses
    }

    init?(argument: String) {
        var statuses: [OrderStatus] = []
        for part in argument.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
            let aliases = ["canceled": "cancelled", "pendingcancel": "pending-cancel", "pending-cancellation": "pending-cancel", "working": "open"]
            guard let status = Self.names.first(where: { $0.0 == (aliases[name] ?? name) })?.1 else { return nil }
            if !statuses.contains(status) { statuses.append(status) }
        }
        guard !statuses.isEmpty else { return nil }
        self.statuses = statuses
    }

    static var allValueStrings: [String] { names.map(\.0) }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
