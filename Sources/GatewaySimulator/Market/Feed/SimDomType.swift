/// `GatewayDepth.type` (SimDomType), an integer on the wire.
public enum SimDomType: Int, Sendable, Codable, CaseIterable {
    case unknown = 0
    case ask = 1
    case bid = 2
    case bestAsk = 3
    case bestBid = 4
    case trade = 5
    case reset = 6
    case low = 7
    case high = 8
    case newBestBid = 9
    case newBestAsk = 10
    case fill = 11
}

/// `GatewayTrade.type` (SimTradeLogType): the aggressor side.
public enum SimTradeLogType: Int, Sendable, Codable {
    case buy = 0
    case sell = 1
}
