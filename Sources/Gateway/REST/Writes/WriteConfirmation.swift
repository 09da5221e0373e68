/// How the SDK knows that a write (placing, cancelling or modifying an order, closing a position)
/// was executed.
///
/// ```swift
/// let confirmation = try await client.cancelOrder(accountId: 12, orderId: 7100000001)
/// if case .readBack(let failure, let finding) = confirmation {
///     print("the response was lost (\(failure)); reading back showed: \(finding)")
/// }
/// ```
public enum WriteConfirmation: Sendable, Hashable, CustomStringConvertible {
    /// The gateway answered that it executed the write.
    case answered
    /// The response was lost (`failure`: a timeout, a reset, an unreadable answer, an HTTP 5xx);
    /// reading back showed the write executed (`finding` says what was read).
    case readBack(failure: String, finding: String)

    /// Whether the outcome was resolved after an ambiguous failure rather than answered.
    public var isResolvedAfterAmbiguousFailure: Bool {
        if case .readBack = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .answered: "answered by the gateway"
        case .readBack(let failure, let finding): "the response was lost (\(failure)); confirmed by reading back: \(finding)"
        }
    }
}
