import Foundation
import Gateway

/// Prints how one account changes, as its ``AccountMonitor`` publishes it: orders, fills,
/// positions and the account itself (balance, whether it can trade). Each line carries the time
/// it arrived (in the display zone). `--json` gets one ``StreamRecord`` of type `order`, `fill`, `position` or
/// `account` per change.
///
/// Only changes after the state was first in sync are shown (not the state itself). After a gap
/// the monitor rebuilds the state from REST: the renderer says so, shows the changes the new
/// snapshot made (an order that ended meanwhile, a position closed meanwhile), then says the
/// state is in sync again.
///
/// ```
/// TIME (CST)    EVENT     DETAILS
/// 14:30:01.123  order     7100000001 filled: buy 1 CON.F.US.MES.Z26 market, filled 1 @ 5000.25
/// 14:30:01.124  fill      order 7100000001: bought 1 CON.F.US.MES.Z26 @ 5000.25, fees 0.37
/// 14:30:01.125  position  CON.F.US.MES.Z26 long 1 @ 5000.25
/// ```
struct AccountChangeRenderer: StreamRenderer {
    let output: Output
    let accountId: Int
    /// The account's name, for the note that says the stream is ready.
    let accountName: String
    private var headerPrinted = false
    /// Whether the state was in sync once: changes before that are the first snapshot.
    private var following = false
    /// Whether a gap was reported and the state is not in sync yet.
    private var inGap = false
    /// The degraded reason last reported.
    private var degradedReason: String?
    private let times: TimeDisplay

    init(output: Output, accountId: Int, accountName: String, times: TimeDisplay = .utc) {
        self.output = output
        self.times = times
        self.accountId = accountId
        self.accountName = accountName
    }

    /// Says on stderr that the account is watched: nothing is printed until something changes.
    mutating func ready() {
        output.note("Watching \(accountName) (\(accountId)): orders, fills, positions and balance as they change; press Ctrl-C to stop.")
    }

    mutating func render(_ update: AccountUpdate, limit: Int) throws -> Int {
        switch update {
        case .initial(_, let status):
            following = Self.isSettled(status)
            return 0
        case .status(let status):
            try report(status)
            return 0
        case .overflow:
            try note(type: "gap", reason: "this command fell behind and some changes were not shown")
            return 0
        case .change(let change):
            guard following, limit > 0 else { return 0 }
            try print(change)
            return 1
        }
    }

    private mutating func report(_ status: AccountMonitorStatus) throws {
        switch status {
        case .synchronizing(let reason):
            guard following, !inGap else { return }
            inGap = true
            try note(type: "gap", reason: reason)
        case .inSync, .degraded:
            guard following else {
                following = true
                return
            }
            if inGap {
                inGap = false
                try note(type: "status", reason: nil, status: "synchronized")
            }
            if case .degraded(let reason) = status, reason != degradedReason {
                degradedReason = reason
                try note(type: "status", reason: reason, status: "degraded")
            } else if case .inSync = status {
                degradedReason = nil
            }
        case .starting, .stopped:
            return
        }
    }

    /// A gap or status line: a JSON record, or a note on stderr.
    private func note(type: String, reason: String?, status: String? = nil) throws {
        if output.json {
            var record = StreamRecord(type: type)
            record.hub = "user"
            record.status = status
            record.reason = reason
            try output.jsonLine(record)
        } else if type == "gap" {
            output.note("account \(accountName): gap (\(reason ?? "")); reading its state again, the changes follow.")
        } else if status == "synchronized" {
            output.note("account \(accountName): in sync again.")
        } else {
            output.note("account \(accountName): \(status ?? "") (\(reason ?? "")).")
        }
    }

    private mutating func print(_ change: AccountChange) throws {
        let line = Self.describe(change)
        if output.json {
            var record = StreamRecord(type: line.type)
            switch change {
            case .orderUpdated(let order): record.order = order
            case .orderFinished(let order):
                record.order = order
                record.finished = true
            case .fill(let fill): record.fill = fill
            case .positionUpdated(let position), .positionClosed(let position): record.position = position
            case .account(let account): record.account = account
            }
            try output.jsonLine(record)
        } else {
            if !headerPrinted {
                headerPrinted = true
                output.text(QuoteRenderer.timeHeading(times) + "EVENT     DETAILS")
            }
            output.text(times.timeOfDay(Date()) + "  " + line.type.padding(toLength: 8, withPad: " ", startingAt: 0) + "  " + line.details)
        }
    }

    /// The event type and the details people read.
    static func describe(_ change: AccountChange) -> (type: String, details: String) {
        switch change {
        case .orderUpdated(let order):
            return ("order", UserEventDescription.order(order))
        case .orderFinished(let order) where order.status.isWorking:
            // Its end happened during a gap: the last state seen is all there is.
            return ("order", "\(order.id) no longer working (ended during a gap; last seen \(Formatting.status(order.status))): "
                + UserEventDescription.orderTerms(order))
        case .orderFinished(let order):
            return ("order", UserEventDescription.order(order))
        case .fill(let fill):
            return ("fill", UserEventDescription.fill(fill))
        case .positionUpdated(let position), .positionClosed(let position):
            return ("position", UserEventDescription.position(position))
        case .account(let account):
            return ("account", UserEventDescription.account(account))
        }
    }

    private static func isSettled(_ status: AccountMonitorStatus) -> Bool {
        switch status {
        case .inSync, .degraded: true
        default: false
        }
    }
}
