import Foundation
import Gateway
import MarketData

/// One line of a stream with `--json`. `type` says which other fields are present; every line
/// has `time`, when the program received it (ISO-8601 UTC):
///
/// | type | fields |
/// |---|---|
/// | `quote` | `contractId`, `contract` (name), `quote` (merged with earlier updates, wire field names) |
/// | `trade` | `contractId`, `contract`, `trade` (one `GatewayTrade` item: `price`, `volume`, `type` 0 buy / 1 sell, `timestamp`) |
/// | `depth` | `contractId`, `contract`, `book` (see ``DepthSnapshot``) |
/// | `order`, `position`, `fill`, `account` | the object under that key, in wire form; `finished: true` on an order that left the working set |
/// | `gap` | `hub`, `reason`, and `contractIds` on the market hub: data in between is lost (`watch`: the account's state is read again) |
/// | `status` | `hub`, `status` (`live`, `reconnecting`, `degraded`, `stopped`; `watch` also `synchronized`), `reason`, `subscriptions` |
///
/// ```json
/// {"contract":"MESZ6","contractId":"CON.F.US.MES.Z26","quote":{"bestAsk":5000.5,"bestBid":5000.25,"lastPrice":5000.25},"time":"2026-11-27T14:30:01.123Z","type":"quote"}
/// {"contractIds":["CON.F.US.MES.Z26"],"hub":"market","reason":"connection lost: …","time":"…","type":"gap"}
/// ```
struct StreamRecord: Encodable, Sendable {
    var type: String
    var time: Date
    var hub: String?
    var contractId: String?
    var contract: String?
    var quote: Quote?
    var trade: MarketTrade?
    var book: DepthSnapshot?
    var order: Order?
    var position: Position?
    var fill: Trade?
    var account: Account?
    var finished: Bool?
    var status: String?
    var reason: String?
    var subscriptions: Int?
    var contractIds: [String]?

    init(type: String, time: Date = Date()) {
        self.type = type
        self.time = time
    }

    /// A market-data record about one contract.
    static func market(_ type: String, contract: Contract, time: Date = Date()) -> StreamRecord {
        var record = StreamRecord(type: type, time: time)
        record.contractId = contract.id
        record.contract = contract.name
        return record
    }
}
