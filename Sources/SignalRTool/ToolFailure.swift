import ArgumentParser
import Foundation
import SignalR

/// A failure the tool reports as one line on stderr before exiting with status 1.
struct ToolFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// The one line for `error`, with advice where there is some.
    static func line(for error: any Error) -> String {
        switch error {
        case let error as SignalRError:
            if let failure = error.authenticationFailure {
                return "the server refused the access token (HTTP \(failure.status)) at \(failure.phase); "
                    + "check --token / --token-command (and --access-token-query if the server reads the query)."
            }
            return error.description
        case let error as ToolFailure:
            return error.description
        default:
            return String(describing: error)
        }
    }

    /// Prints the line for `error` on stderr and returns the exit code to throw.
    static func report(_ error: any Error) -> ExitCode {
        StandardError.write("signalr: error: \(line(for: error))")
        return ExitCode(1)
    }
}
