import Foundation
import Gateway

/// Reports what happens to a stream's hub: gaps, and status changes that matter (the connection
/// was lost, a subscription was refused, it is live again). On stderr for people; as JSON lines
/// with `"type":"gap"` / `"type":"status"` on stdout with `--json`, so that a script reading the
/// stream sees them in order with the data.
///
/// The first connection is not reported (the data says it works); `live` is reported only as a
/// recovery after `reconnecting` or `degraded`; the same status twice in a row is reported once.
struct StreamReporter: Sendable {
    let output: Output
    /// `market` or `user`.
    let hub: String
    /// Contract names by id, for people.
    let names: [String: String]
    private var lastReported: HubStatus?

    init(output: Output, hub: String, names: [String: String] = [:]) {
        self.output = output
        self.hub = hub
        self.names = names
    }

    /// Whether `status` is worth a line, given what was reported before.
    func shouldReport(_ status: HubStatus) -> Bool {
        switch status {
        case .connecting:
            return false
        case .live:
            guard let lastReported else { return false }
            return !lastReported.isLive
        case .reconnecting, .degraded, .stopped:
            return status != lastReported
        }
    }

    /// Reports `status` if it is a change worth a line; returns whether it did.
    @discardableResult
    mutating func status(_ status: HubStatus, at time: Date = Date()) throws -> Bool {
        guard shouldReport(status) else { return false }
        lastReported = status
        if output.json {
            var record = StreamRecord(type: "status", time: time)
            record.hub = hub
            switch status {
            case .connecting: record.status = "connecting"
            case .live(_, let subscriptions):
                record.status = "live"
                record.subscriptions = subscriptions
            case .degraded(let reason):
                record.status = "degraded"
                record.reason = reason.description
            case .reconnecting(let reason):
                record.status = "reconnecting"
                record.reason = reason.description
            case .stopped(let error):
                record.status = "stopped"
                record.reason = error?.description
            }
            try output.jsonLine(record)
        } else {
            switch status {
            case .live(_, let subscriptions):
                output.note("\(hub) hub: live again (\(subscriptions) subscription\(subscriptions == 1 ? "" : "s") restored).")
            default:
                output.note("\(hub) hub: \(status.description)")
            }
        }
        return true
    }

    /// Reports that data may have been missed.
    func gap(contractIds: [String], reason: String, at time: Date = Date()) throws {
        if output.json {
            var record = StreamRecord(type: "gap", time: time)
            record.hub = hub
            record.reason = reason
            if hub == "market" { record.contractIds = contractIds }
            try output.jsonLine(record)
        } else if hub == "market" {
            let list = contractIds.map { names[$0] ?? $0 }.joined(separator: ", ")
            output.note("\(hub) hub: gap\(list.isEmpty ? "" : " in \(list)") (\(reason)); events in between are lost, the gateway does not replay them.")
        } else {
            output.note("\(hub) hub: gap (\(reason)); updates in between are lost. `orders --open`, `positions` and `fills` show the current state.")
        }
    }
}
