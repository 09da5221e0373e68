import Gateway
import MarketData
import NIOConcurrencyHelpers

/// Watches what the hubs deliver: when each contract last got each kind of data, and every gap
/// reported.
final class ChaosObserver: Sendable {
    struct ContractRecord: Sendable {
        var lastQuote: ContinuousClock.Instant?
        var lastTrade: ContinuousClock.Instant?
        var lastDepth: ContinuousClock.Instant?
        var gaps = 0
        var events = 0
    }

    struct UserRecord: Sendable {
        var lastOrder: ContinuousClock.Instant?
        var lastPosition: ContinuousClock.Instant?
        var lastTrade: ContinuousClock.Instant?
        var gaps = 0
    }

    private let contracts: NIOLockedValueBox<[String: ContractRecord]>
    private let user = NIOLockedValueBox(UserRecord())
    private let marketGaps = NIOLockedValueBox(0)
    private let lives = NIOLockedValueBox(LiveRecord())

    /// When each hub last reported itself live (a new connection with every subscription restored).
    struct LiveRecord: Sendable {
        var market: ContinuousClock.Instant?
        var user: ContinuousClock.Instant?
    }

    init(contractIds: [String]) {
        contracts = NIOLockedValueBox(Dictionary(uniqueKeysWithValues: contractIds.map { ($0, ContractRecord()) }))
    }

    func consume(_ events: AsyncStream<MarketEvent>) async {
        for await event in events {
            let now = ContinuousClock.now
            switch event {
            case .quote(let id, _): update(id) { $0.lastQuote = now }
            case .trades(let id, _): update(id) { $0.lastTrade = now }
            case .depth(let id, _): update(id) { $0.lastDepth = now }
            case .gap(let ids, _):
                marketGaps.withLockedValue { $0 += 1 }
                contracts.withLockedValue { records in for id in ids { records[id]?.gaps += 1 } }
            case .live: lives.withLockedValue { $0.market = now }
            }
        }
    }

    var lastLive: LiveRecord { lives.withLockedValue { $0 } }

    func consume(_ events: AsyncStream<UserEvent>) async {
        for await event in events {
            let now = ContinuousClock.now
            user.withLockedValue { record in
                switch event {
                case .order: record.lastOrder = now
                case .position: record.lastPosition = now
                case .trade: record.lastTrade = now
                case .gap: record.gaps += 1
                case .live: lives.withLockedValue { $0.user = now }
                case .account: break
                }
            }
        }
    }

    private func update(_ id: String, _ change: (inout ContractRecord) -> Void) {
        contracts.withLockedValue { records in
            guard var record = records[id] else { return }
            record.events += 1
            change(&record)
            records[id] = record
        }
    }

    /// Whether every contract got quotes and depth after `instant`.
    func allContractsFlowing(since instant: ContinuousClock.Instant) -> Bool {
        contracts.withLockedValue { records in
            records.values.allSatisfy { ($0.lastQuote ?? instant) > instant && ($0.lastDepth ?? instant) > instant }
        }
    }

    /// The (kind, contract) pairs that delivered nothing after `instant`.
    func silentSubscriptions(since instant: ContinuousClock.Instant) -> [String] {
        contracts.withLockedValue { records in
            records.sorted { $0.key < $1.key }.flatMap { id, record -> [String] in
                var silent: [String] = []
                if (record.lastQuote ?? instant) <= instant { silent.append("quotes \(id)") }
                if (record.lastTrade ?? instant) <= instant { silent.append("trades \(id)") }
                if (record.lastDepth ?? instant) <= instant { silent.append("depth \(id)") }
                return silent
            }
        }
    }

    func userFlowing(since instant: ContinuousClock.Instant) -> (orders: Bool, positions: Bool, trades: Bool) {
        user.withLockedValue { record in
            ((record.lastOrder ?? instant) > instant, (record.lastPosition ?? instant) > instant, (record.lastTrade ?? instant) > instant)
        }
    }

    var gapsPerContract: [(String, Int)] {
        contracts.withLockedValue { records in records.sorted { $0.key < $1.key }.map { ($0.key, $0.value.gaps) } }
    }

    var userGaps: Int { user.withLockedValue { $0.gaps } }
    var totalEvents: Int { contracts.withLockedValue { $0.values.reduce(0) { $0 + $1.events } } }
}
