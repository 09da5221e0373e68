/// The error texts ASP.NET Core's hub dispatcher and connection handler send, so that clients see
/// what a real server says (`DefaultHubDispatcher`, `ErrorMessageHelper`, `HubConnectionHandler`).
enum HubErrorText {
    static func unknownMethod(_ target: String) -> String {
        "Unknown hub method '\(target)'"
    }

    static func streamingMethodInvokedAsUnary(_ target: String) -> String {
        "The client attempted to invoke the streaming '\(target)' method with a non-streaming invocation."
    }

    static func unaryMethodInvokedAsStream(_ target: String) -> String {
        "The client attempted to invoke the non-streaming '\(target)' method with a streaming invocation."
    }

    static func duplicateInvocationId(_ id: String) -> String {
        "Invocation ID '\(id)' is already in use."
    }

    /// The Close error for a server-side failure (client timeout, oversized or malformed message).
    static let connectionClosedWithError = "Connection closed with an error."

    /// The detail of an oversized message, added to the Close error with detailed errors on.
    static func maximumMessageSizeExceeded(_ limit: Int) -> String {
        "InvalidDataException: The maximum message size of \(limit)B was exceeded. The message size can be configured in AddHubOptions."
    }

    /// The Completion error for a method that threw, built like `ErrorMessageHelper.BuildErrorMessage`:
    /// a ``HubException`` always adds its message; other errors only with detailed errors.
    static func invocationFailed(_ target: String, error: any Error, detailed: Bool) -> String {
        if error is HubArgumentError {
            let base = "Failed to invoke '\(target)' due to an error on the server."
            return detailed ? "\(base) InvalidDataException: Error binding arguments. Make sure that the types of the provided values match the types of the hub method being invoked." : base
        }
        return withDetail("An unexpected error occurred invoking '\(target)' on the server.", error: error, detailed: detailed)
    }

    /// The Completion error for a stream that threw.
    static func streamFailed(error: any Error, detailed: Bool) -> String {
        withDetail("An error occurred on the server while streaming results.", error: error, detailed: detailed)
    }

    /// The Close error when `onConnected` or the connection itself failed.
    static func connectionFailed(error: any Error, detailed: Bool) -> String {
        withDetail(connectionClosedWithError, error: error, detailed: detailed)
    }

    private static func withDetail(_ base: String, error: any Error, detailed: Bool) -> String {
        if let hubError = error as? HubException {
            return "\(base) HubException: \(hubError.message)"
        }
        guard detailed else { return base }
        return "\(base) \(type(of: error)): \(error)"
    }
}
