import Foundation

/// Deterministic history: bars sampled from the seed's ``ReferencePath``, so the same seed
/// always yields the same bars, for every unit including Tick, for any past window.
///
/// Rules: a bar is in the window when its start is in `[startTime, endTime)` and not in the
/// future; the newest `limit` bars of the window are returned, newest first; `limit` above the
/// cap is silently capped (20,000 by default, configurable). The bar in progress at `now` is
/// returned only with `includePartialBar`, closing at the current reference price. Prices are
/// on the tick grid. The live tier returns no bars (like contract search).
public struct BarGenerator: Sendable {
    /// The seed's price path.
    public let reference: ReferencePath
    /// Maximum bars per request.
    public let maximumBars: Int
    /// Largest accepted `unitNumber`.
    public static let maximumUnitNumber = 100_000

    private static let samplesPerBar = 12

    /// Creates a generator.
    public init(reference: ReferencePath, maximumBars: Int = 20_000) {
        self.reference = reference
        self.maximumBars = max(1, maximumBars)
    }

    /// The bars of `query` as of `now`, or the endpoint's business error.
    public func bars(
        for query: BarQuery, catalog: ContractCatalog, now: Date
    ) -> Result<[SimBar], GatewayFailure<RetrieveBarsErrorCode>> {
        guard let contract = catalog.contract(id: query.contractId) else {
            return .failure(GatewayFailure(.contractNotFound, "Contract not found."))
        }
        guard let unit = SimBarUnit(rawValue: query.unit) else {
            return .failure(GatewayFailure(.unitInvalid, "Invalid aggregate bar unit (\(query.unit))."))
        }
        guard (1...BarGenerator.maximumUnitNumber).contains(query.unitNumber) else {
            return .failure(GatewayFailure(.unitNumberInvalid, "Invalid unit number (\(query.unitNumber))."))
        }
        guard query.limit >= 1 else {
            return .failure(GatewayFailure(.limitInvalid, "Invalid limit (\(query.limit))."))
        }
        if query.live { return .success([]) }
        let calendar = BarCalendar(unit: unit, unitNumber: query.unitNumber)
        let nowSeconds = now.timeIntervalSince1970
        let startSeconds = query.startTime.timeIntervalSince1970
        let endSeconds = min(query.endTime.timeIntervalSince1970, nowSeconds.nextUp)
        guard startSeconds < endSeconds else { return .success([]) }

        var first = calendar.index(containing: startSeconds)
        if calendar.start(of: first) < startSeconds { first += 1 }
        var last = calendar.index(containing: endSeconds)
        if calendar.start(of: last) >= endSeconds { last -= 1 }
        if last >= first, calendar.end(of: last) > nowSeconds, !query.includePartialBar { last -= 1 }
        guard last >= first else { return .success([]) }

        let count = Int(min(Int64(min(query.limit, maximumBars)), last - first + 1))
        var bars: [SimBar] = []
        bars.reserveCapacity(count)
        var index = last
        while bars.count < count {
            bars.append(bar(index, calendar: calendar, contract: contract, unit: unit, now: nowSeconds))
            index -= 1
        }
        return .success(bars)
    }

    private func bar(_ index: Int64, calendar: BarCalendar, contract: SimContract, unit: SimBarUnit, now: Double) -> SimBar {
        let start = calendar.start(of: index)
        let end = min(calendar.end(of: index), now)
        let product = contract.product
        func ticks(_ seconds: Double) -> Int64 {
            contract.nearestTicks(of: reference.price(of: product, atSeconds: seconds))
        }
        let open = ticks(start)
        let close = ticks(max(start, end - 0.001))
        var high = max(open, close)
        var low = min(open, close)
        let span = max(0, end - start)
        for sample in 1..<BarGenerator.samplesPerBar {
            let value = ticks(start + span * Double(sample) / Double(BarGenerator.samplesPerBar))
            high = max(high, value)
            low = min(low, value)
        }
        let volume: Int
        if unit == .tick {
            let trades = Int((span / SimBarUnit.secondsPerTick).rounded(.up))
            volume = max(1, trades) * reference.volume(of: product, bucket: index, salt: 7, range: 1...3)
        } else {
            let perMinute = reference.volume(of: product, bucket: index, salt: UInt64(unit.rawValue), range: 40...160)
            volume = max(1, Int(span / 60 * Double(perMinute)))
        }
        return SimBar(
            time: Date(timeIntervalSince1970: start), open: contract.decimalPrice(ofTicks: open),
            high: contract.decimalPrice(ofTicks: high), low: contract.decimalPrice(ofTicks: low),
            close: contract.decimalPrice(ofTicks: close), volume: volume
        )
    }
}
