/// Registered hub methods, matched case-insensitively like ASP.NET Core's
/// `StringComparer.OrdinalIgnoreCase` (ASCII letters only).
struct HubMethodTable: Sendable {
    private var methods: [String: HubMethod] = [:]

    mutating func register(_ name: String, _ method: HubMethod) {
        methods[name.asciiLowercased] = method
    }

    func lookup(_ name: String) -> HubMethod? {
        methods[name.asciiLowercased]
    }
}
