import Gateway

/// A position as `positions --json` prints it: the position's wire fields, plus `lastPrice` and
/// `unrealizedProfitAndLoss` when a quote is known.
struct PositionLine: Encodable, Sendable {
    let value: PositionValue

    init(_ value: PositionValue) {
        self.value = value
    }

    private enum Keys: String, CodingKey {
        case lastPrice, unrealizedProfitAndLoss
    }

    func encode(to encoder: any Encoder) throws {
        // The position's own keyed container and this one are one JSON object.
        try value.position.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(value.lastPrice, forKey: .lastPrice)
        try container.encodeIfPresent(value.unrealizedProfitAndLoss, forKey: .unrealizedProfitAndLoss)
    }
}
