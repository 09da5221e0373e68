/// An order the gateway has: what ``GatewayClient/placeOrder(_:)`` returns.
///
/// ```swift
/// let placed = try await client.placeOrder(.limit(accountId: 12, contractId: "CON.F.US.MES.Z26", side: .buy, size: 1, price: 5000))
/// print(placed.id, placed.customTag)          // 7100000001 px-mfx3k2a1-4k9z0q2b
/// if placed.confirmation.isResolvedAfterAmbiguousFailure {
///     print("the response was lost; the order was found by its tag, status \(placed.status.map { "\($0)" } ?? "?")")
/// }
/// ```
public struct PlacedOrder: Sendable, Hashable, Identifiable {
    /// The order's id.
    public var id: Int64
    /// The order's `customTag`: the one given, or the one the SDK generated.
    public var customTag: String
    /// Whether the gateway answered, or the order was found after the response was lost.
    public var confirmation: WriteConfirmation
    /// The order as read back, when it was found after the response was lost; nil when the
    /// gateway answered (the answer carries only the id).
    public var order: Order?

    public init(id: Int64, customTag: String, confirmation: WriteConfirmation = .answered, order: Order? = nil) {
        self.id = id
        self.customTag = customTag
        self.confirmation = confirmation
        self.order = order
    }

    /// The order's status as read back (nil when the gateway answered).
    public var status: OrderStatus? { order?.status }
}
