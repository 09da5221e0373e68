/// What the demo measured, for its summary. Every figure is measured in this run; a step that
/// did not happen leaves its figure nil and the summary says so.
struct DemoReport: Sendable {
    /// From the start of the demo to the first quote received.
    var firstQuote: Duration?
    /// The same, without the demo's pauses for reading.
    var firstQuoteWorking: Duration?
    /// Starting the in-process simulator.
    var simulatorStart: Duration?
    var quotes = 0
    var depthUpdates = 0
    /// `bought 1 MESZ6 @ 5000.25`.
    var entry: String?
    /// `sold 1 @ 5000.00, P&L -1.25`.
    var exit: String?
    /// From the forced token expiry to the first quote after the reconnect.
    var recovery: Duration?
    /// From the forced expiry to the gap report, and to the hub being live again.
    var gapReported: Duration?
    var liveAgain: Duration?
    var logins = 0
    var rejectedTokens = 0
}
