/// An optional that encodes as JSON `null` instead of being omitted. The gateway always sends
/// nullable fields (`errorMessage: null`, `profitAndLoss: null`), and "absent" and "null" are
/// different things to a strict client, so wire types use this instead of `Optional`.
public struct Nullable<Wrapped: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The value, or nil for `null`.
    public var value: Wrapped?

    /// Wraps an optional.
    public init(_ value: Wrapped?) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Wrapped.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}
