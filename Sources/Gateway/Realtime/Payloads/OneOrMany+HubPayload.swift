import MarketData
import SignalRProtocol

extension OneOrMany: HubPayloadDecodable where Element: HubPayloadDecodable {
    /// Reads `null` (no elements), one object (one element) or an array whose items that fail to
    /// decode are skipped and counted in `OneOrMany.skippedCount`.
    public init(reading reader: inout JSONReader) throws(HubProtocolError) {
        switch try reader.peekKind() {
        case .null:
            _ = try reader.readNull()
            self.init([])
        case .array:
            var elements: [Element] = []
            var skipped = 0
            try reader.readArray { reader throws(HubProtocolError) in
                // Each item is read from its own slice so that a bad one is stepped over whole.
                var item = JSONReader(try reader.readRawValue())
                do {
                    elements.append(try Element(reading: &item))
                } catch {
                    skipped += 1
                }
            }
            self.init(elements, skippedCount: skipped)
        default:
            self.init([try Element(reading: &reader)])
        }
    }
}
