import Foundation
import NIOConcurrencyHelpers

/// The last traded price of the contracts an ``AccountMonitor`` holds positions in, from the
/// market hub's quotes, and the contracts' tick size and value, to value the positions.
///
/// Quote subscriptions are added when a position is valued and kept afterwards (they are few,
/// and removing one could take it from another user of the same hub).
final class PositionPricing: Sendable {
    private let client: GatewayClient
    private let market: MarketHub
    private let lastPrices = NIOLockedValueBox<[String: Decimal]>([:])
    private let contracts: NIOLockedValueBox<[String: Contract]>

    init(client: GatewayClient, market: MarketHub, contracts: [Contract]) {
        self.client = client
        self.market = market
        self.contracts = NIOLockedValueBox(Dictionary(contracts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Follows the market hub's quotes until cancelled.
    func start() -> Task<Void, Never> {
        let events = market.events()
        let lastPrices = lastPrices
        return Task {
            for await case .quote(let contractId, let quote) in events {
                guard let price = quote.lastPrice else { continue }
                lastPrices.withLockedValue { $0[contractId] = price }
            }
        }
    }

    /// `positions` valued at the last prices, waiting up to `wait` for a first price of each.
    func values(of positions: [Position], waitingUpTo wait: Duration) async -> [PositionValue] {
        let contractIds = Set(positions.map(\.contractId))
        for contractId in contractIds.sorted() {
            // A refusal is retried by the hub; the position is then shown without a price.
            try? await market.subscribe(.quotes, contractId)
            if contracts.withLockedValue({ $0[contractId] }) == nil, let contract = try? await client.contract(id: contractId) {
                contracts.withLockedValue { $0[contractId] = contract }
            }
        }
        let deadline = ContinuousClock.now + wait
        while ContinuousClock.now < deadline, !Task.isCancelled {
            let known = lastPrices.withLockedValue { prices in contractIds.filter { prices[$0] != nil }.count }
            if known == contractIds.count { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let (prices, specs) = (lastPrices.withLockedValue { $0 }, contracts.withLockedValue { $0 })
        return positions.map { PositionValue(position: $0, contract: specs[$0.contractId], lastPrice: prices[$0.contractId]) }
    }
}
