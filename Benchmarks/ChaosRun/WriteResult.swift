import GatewaySimulator

/// How one write of the order traffic ended, as the SDK reported it.
enum WriteResult: String, CaseIterable, Sendable {
    /// The gateway answered that it executed the write.
    case answered
    /// The response was lost and reading back found the write executed (`.readBack`).
    case executedAfterLoss = "executed (read back)"
    /// The response was lost and reading back found it not executed (`GatewayError.notExecuted`).
    case notExecuted = "not executed"
    /// The response was lost and the outcome stayed unknown (`GatewayError.outcomeUnknown`).
    case unknown
    /// The gateway refused the write (`success: false`): an order filled before its cancel, a
    /// modification of an order that left the book.
    case refused
    /// The write could not be sent, or failed otherwise (listed in the report).
    case failed
}

/// One write the traffic driver made.
struct WriteRecord: Sendable {
    var kind: WriteKind
    var result: WriteResult
    /// The lost-response fault armed for this write, if any.
    var lostMode: LostResponseMode?
    /// The `customTag` of a placement.
    var tag: String?
    /// The order id a placement returned.
    var orderId: Int64?
    /// From sending to the SDK's answer.
    var duration: Duration
    /// The error, for `.failed` and `.unknown`.
    var detail: String?

    /// Whether the SDK's resolution fits what the fault did: a write the simulator executed may
    /// read back either way only when the market changed the order meanwhile, but a write it did
    /// not execute must never be reported executed.
    var contradictsFault: Bool {
        guard let lostMode else { return false }
        return !lostMode.executes && result == .executedAfterLoss
    }
}
