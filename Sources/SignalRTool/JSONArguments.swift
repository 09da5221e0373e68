import SignalRProtocol

/// Reads hub-method arguments given on the command line as JSON.
enum JSONArguments {
    /// Each string is one JSON value.
    static func values(_ texts: [String]) throws -> [RawJSON] {
        try texts.enumerated().map { index, text in
            do throws(HubProtocolError) {
                return try RawJSON(validating: text)
            } catch {
                throw ToolFailure("argument \(index + 1) is not JSON (\(error.message)); quote strings, as in '\"text\"'.")
            }
        }
    }

    /// A JSON array whose elements are the arguments.
    static func array(_ text: String) throws -> [RawJSON] {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [] }
        guard trimmed.hasPrefix("[") else {
            throw ToolFailure("the arguments '\(trimmed)' must be a JSON array, as in '[\"a\",1]'.")
        }
        // The hub protocol's reader splits an array into raw values without re-encoding them.
        let message = Array("{\"type\":1,\"target\":\"x\",\"arguments\":\(trimmed)}".utf8)
        do {
            guard case .invocation(let invocation) = try JSONHubProtocol.decode(message) else {
                throw ToolFailure("the arguments '\(trimmed)' must be a JSON array.")
            }
            return invocation.arguments
        } catch let error as HubProtocolError {
            throw ToolFailure("the arguments '\(trimmed)' are not a JSON array: \(error.message)")
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
