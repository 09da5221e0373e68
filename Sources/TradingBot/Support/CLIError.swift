/// A failure detected by the program itself (not by the gateway), with the one line that explains
/// it and the exit status that classifies it.
///
/// The message names the cause and the next step, like every error line the program prints.
struct CLIError: Error, Sendable, Equatable, CustomStringConvertible {
    let message: String
    let status: ExitReason

    init(_ message: String, status: ExitReason) {
        self.message = message
        self.status = status
    }

    var description: String { message }

    /// A command-line value that is invalid in a way only known after reading the configuration or
    /// asking the gateway (a price off the tick grid, an order over `maxOrderSize`).
    static func usage(_ message: String) -> CLIError { CLIError(message, status: .usage) }

    /// A missing or malformed setting.
    static func configuration(_ message: String) -> CLIError { CLIError(message, status: .configuration) }

    /// Something the user named does not exist at the gateway (an account, a contract).
    static func notFound(_ message: String) -> CLIError { CLIError(message, status: .rejected) }

    /// The person at the prompt did not confirm.
    static let declined = CLIError("Not confirmed; nothing was sent.", status: .failure)
}
