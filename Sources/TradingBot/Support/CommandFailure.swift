import Foundation

/// An error thrown by a command, together with what the error presenter needs to word it well:
/// the gateway's address (for "cannot reach ...") and the secrets that must never be printed.
struct CommandFailure: Error, Sendable {
    let underlying: any Error
    let apiURL: URL?
    /// Values to blank out of any message (the API key), whatever the error says.
    let secrets: [String]
}
