import Foundation
import Gateway

/// Market-hub subscriptions (quotes, trades or depth of some contracts) as a stream source.
struct MarketStreamSource: StreamSource {
    let realtime: RealtimeHubs
    let subscriptions: [MarketSubscription]

    var hubName: String { "market" }

    var hubURL: URL { realtime.marketURL }

    func open() async throws -> OpenStream<MarketEvent> {
        let hub = try await realtime.marketHub()
        let (subscriptions, url) = (subscriptions, realtime.marketURL)
        return OpenStream(
            events: hub.events(),
            statuses: hub.statusUpdates(),
            subscribe: {
                for subscription in subscriptions {
                    do {
                        try await hub.subscribe(subscription.kind, subscription.contractId)
                    } catch let error as HubError where error.code == .refused {
                        throw HubFailure(hub: "market", url: url, reason: .subscriptionRefused(subscription: subscription.description, message: error.message))
                    } catch let error as HubError where error.code == .timedOut {
                        throw HubFailure(hub: "market", url: url, reason: .subscriptionUnanswered(subscription: subscription.description, error: error))
                    }
                }
                await HubReadiness.wait(for: hub.statusUpdates())
            },
            unsubscribe: {
                for subscription in subscriptions {
                    try? await hub.unsubscribe(subscription.kind, subscription.contractId)
                }
            },
            isSubscribed: {
                let wanted = Set(await hub.subscriptions)
                return subscriptions.allSatisfy(wanted.contains)
            }
        )
    }

    static func kind(of event: MarketEvent) -> StreamEventKind {
        switch event {
        case .quote, .trades, .depth: .data
        case .gap(let contractIds, let reason): .gap(contractIds: contractIds, reason: reason)
        case .live: .live
        }
    }
}
