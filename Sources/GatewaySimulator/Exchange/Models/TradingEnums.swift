/// `SimOrderType`, an integer on the wire.
public enum SimOrderType: Int, Sendable, CaseIterable {
    case unknown = 0, limit, market, stopLimit, stop, trailingStop, joinBid, joinAsk
}

/// `SimOrderSide`: 0 Bid (buy), 1 Ask (sell).
public enum SimOrderSide: Int, Sendable, CaseIterable {
    case bid = 0, ask

    /// The other side.
    public var opposite: SimOrderSide { self == .bid ? .ask : .bid }
    /// +1 for a buy, -1 for a sell.
    var sign: Int { self == .bid ? 1 : -1 }
}

/// `SimOrderStatus`.
public enum SimOrderStatus: Int, Sendable, CaseIterable {
    case none = 0, open, filled, cancelled, expired, rejected, pending, pendingCancellation, suspended

    /// Open or suspended: the order can still change.
    public var isWorking: Bool { self == .open || self == .suspended || self == .pending }
}

/// `SimPositionType`: size is unsigned, direction lives here.
public enum SimPositionType: Int, Sendable, CaseIterable {
    case undefined = 0, long, short
}

/// How an account treats bracket fields of `Order/place` (Settings > Risk Settings).
public enum BracketMode: Sendable, Equatable {
    /// "Auto OCO Brackets": bracket children are created with the order.
    case autoOCO
    /// "Position Brackets" (the platform default): bracket fields are rejected.
    case positionBrackets
}
