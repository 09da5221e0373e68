/// How a hub upgrade request ended.
enum HubUpgradeOutcome: Sendable {
    /// The socket is upgraded and the connection is ready to run.
    case accepted(AcceptedHubConnection)
    /// An HTTP error response was written; the channel closes after it.
    case rejected
}
