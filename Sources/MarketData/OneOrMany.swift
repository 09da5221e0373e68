/// A market-event payload that may be an array, a single object or `null`.
///
/// The gateway sends `GatewayTrade` and `GatewayDepth` data as arrays, but a single object has
/// been seen and handled by other clients, and a `GatewayQuote` may be `null`
/// (gateway-api.md §6.3). All three shapes decode here: `null` is empty, an object is one
/// element, an array is its elements.
///
/// Inside an array, an element that fails to decode is **skipped and counted** in
/// ``skippedCount`` instead of failing the whole batch: losing one malformed depth entry is
/// better than losing a snapshot. Callers that want strictness check `skippedCount == 0`.
///
/// Encoding always writes an array (strict writing).
///
/// ```swift
/// let depth = try JSONDecoder().decode(OneOrMany<DepthEntry>.self, from: payload)
/// book.apply(depth)   // OneOrMany is a RandomAccessCollection
/// ```
public struct OneOrMany<Element> {
    /// The decoded elements, in wire order.
    public var elements: [Element]
    /// Array items that failed to decode and were left out.
    public var skippedCount: Int

    /// Wraps already decoded elements.
    public init(_ elements: [Element], skippedCount: Int = 0) {
        self.elements = elements
        self.skippedCount = skippedCount
    }
}

extension OneOrMany: Sendable where Element: Sendable {}
extension OneOrMany: Equatable where Element: Equatable {}
extension OneOrMany: Hashable where Element: Hashable {}

extension OneOrMany: RandomAccessCollection {
    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Element { elements[position] }
}

extension OneOrMany: Decodable where Element: Decodable {
    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self.init([])
            return
        }
        // unkeyedContainer() throws a type mismatch for a non-array, which is the cheap
        // "is it an array?" test; the single-object path then reports its own errors.
        guard var array = try? decoder.unkeyedContainer() else {
            self.init([try single.decode(Element.self)])
            return
        }
        var elements: [Element] = []
        elements.reserveCapacity(array.count ?? 0)
        var skipped = 0
        while !array.isAtEnd {
            do {
                elements.append(try array.decode(Element.self))
            } catch {
                // A failed decode does not advance the container; consume the bad item.
                _ = try array.decode(Skip.self)
                skipped += 1
            }
        }
        self.init(elements, skippedCount: skipped)
    }
}

extension OneOrMany: Encodable where Element: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(elements)
    }
}

/// Decodes (and discards) any JSON value, to step over a malformed array item.
private struct Skip: Decodable {
    init(from decoder: any Decoder) throws {}
}
