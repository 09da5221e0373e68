/// The kind of an order (`OrderType` on the wire, an integer).
public enum OrderType: Int, Codable, Sendable, CaseIterable {
    case unknown = 0
    case limit = 1
    case market = 2
    case stopLimit = 3
    case stop = 4
    case trailingStop = 5
    case joinBid = 6
    case joinAsk = 7

    public init(from decoder: any Decoder) throws {
        self = OrderType(rawValue: try decoder.singleValueContainer().decode(Int.self)) ?? .unknown
    }
}

/// The side of an order or fill (`OrderSide`): 0 is a buy (bid), 1 a sell (ask).
public enum OrderSide: Int, Codable, Sendable, CaseIterable {
    case buy = 0
    case sell = 1

    /// The side that closes a position opened on this side.
    public var opposite: OrderSide { self == .buy ? .sell : .buy }
}

/// The life-cycle state of an order (`OrderStatus`).
public enum OrderStatus: Int, Codable, Sendable, CaseIterable {
    case none = 0
    case open = 1
    case filled = 2
    case cancelled = 3
    case expired = 4
    case rejected = 5
    case pending = 6
    case pendingCancellation = 7
    case suspended = 8

    public init(from decoder: any Decoder) throws {
        self = OrderStatus(rawValue: try decoder.singleValueContainer().decode(Int.self)) ?? .none
    }

    /// Whether the order can still fill or be cancelled.
    public var isWorking: Bool {
        switch self {
        case .open, .pending, .suspended, .pendingCancellation: true
        default: false
        }
    }
}

/// The direction of a position (`PositionType`); the size itself is unsigned.
public enum PositionType: Int, Codable, Sendable, CaseIterable {
    case undefined = 0
    case long = 1
    case short = 2

    public init(from decoder: any Decoder) throws {
        self = PositionType(rawValue: try decoder.singleValueContainer().decode(Int.self)) ?? .undefined
    }
}

/// The unit of a history bar (`AggregateBarUnit`).
public enum BarUnit: Int, Codable, Sendable, CaseIterable {
    case second = 1
    case minute = 2
    case hour = 3
    case day = 4
    case week = 5
    case month = 6
    case tick = 7
}
