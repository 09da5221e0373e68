import SignalRProtocol

/// One `--invoke` value: a method name, optionally followed by a JSON array of arguments:
/// `--invoke 'SubscribeContractQuotes ["CON.F.US.EP.U25"]'` or `--invoke Ping`.
struct InvocationSpec: CustomStringConvertible {
    let method: String
    let arguments: [RawJSON]

    init(method: String, arguments: [RawJSON]) {
        self.method = method
        self.arguments = arguments
    }

    static func parse(_ text: String) throws -> InvocationSpec {
        let trimmed = text.trimmingWhitespace()
        let name = trimmed.prefix { !$0.isWhitespace && $0 != "[" }
        guard !name.isEmpty else { throw ToolFailure("--invoke needs a method name, as in 'Method [\"arg\",1]'.") }
        let rest = String(trimmed.dropFirst(name.count))
        return InvocationSpec(method: String(name), arguments: try JSONArguments.array(rest))
    }

    var description: String {
        method + " [" + arguments.map(\.text).joined(separator: ",") + "]"
    }
}
