import Foundation

extension GatewayClient {
    private struct RetrieveBars: Encodable, Sendable {
        var contractId: String
        var live: Bool
        var startTime: Date
        var endTime: Date
        var unit: BarUnit
        var unitNumber: Int
        var limit: Int
        var includePartialBar: Bool
    }

    /// `History/retrieveBars`, returned oldest first (the gateway sends newest first and documents
    /// no order, so the client sorts).
    ///
    /// - Parameters:
    ///   - contractId: the contract's id.
    ///   - unit: the bar unit; with `unitNumber`, five-minute bars are `.minute, 5`.
    ///   - unitNumber: how many units one bar spans.
    ///   - start: the window's start.
    ///   - end: the window's end.
    ///   - limit: at most this many of the most recent bars in the window (the gateway caps at 20,000).
    ///   - includePartialBar: whether the bar still being formed is included.
    ///   - live: `false` for the simulated-data tier that practice accounts use.
    public func bars(
        contractId: String, unit: BarUnit, unitNumber: Int = 1, from start: Date, to end: Date,
        limit: Int = 1000, includePartialBar: Bool = false, live: Bool = false
    ) async throws -> [HistoryBar] {
        let request = RetrieveBars(
            contractId: contractId, live: live, startTime: start, endTime: end, unit: unit,
            unitNumber: unitNumber, limit: limit, includePartialBar: includePartialBar
        )
        let bars: [HistoryBar] = try await call(.retrieveBars, body: request, payload: "bars") ?? []
        return bars.sorted { $0.time < $1.time }
    }
}
