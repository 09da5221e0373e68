import Foundation
import Gateway

/// The user-hub subscriptions of one account (its orders, positions and fills, and account
/// updates) as a stream source.
struct UserStreamSource: StreamSource {
    let realtime: RealtimeHubs
    let accountId: Int

    var hubName: String { "user" }

    var hubURL: URL { realtime.userURL }

    /// What `watch` subscribes to.
    var subscriptions: [UserSubscription] {
        [.accounts, .orders(accountId: accountId), .positions(accountId: accountId), .trades(accountId: accountId)]
    }

    func open() async throws -> OpenStream<UserEvent> {
        let hub = try await realtime.userHub()
        let (subscriptions, url) = (subscriptions, realtime.userURL)
        return OpenStream(
            events: hub.events(),
            statuses: hub.statusUpdates(),
            subscribe: {
                for subscription in subscriptions {
                    do {
                        try await hub.subscribe(subscription)
                    } catch let error as HubError where error.code == .refused {
                        throw HubFailure(hub: "user", url: url, reason: .subscriptionRefused(subscription: subscription.description, message: error.message))
                    } catch let error as HubError where error.code == .timedOut {
                        throw HubFailure(hub: "user", url: url, reason: .subscriptionUnanswered(subscription: subscription.description, error: error))
                    }
                }
                await HubReadiness.wait(for: hub.statusUpdates())
            },
            unsubscribe: {
                for subscription in subscriptions {
                    try? await hub.unsubscribe(subscription)
                }
            },
            isSubscribed: {
                let wanted = Set(await hub.subscriptions)
                return subscriptions.allSatisfy(wanted.contains)
            }
        )
    }

    static func kind(of event: UserEvent) -> StreamEventKind {
        switch event {
        case .account, .order, .position, .trade: .data
        case .gap(let reason): .gap(contractIds: [], reason: reason)
        case .live: .live
        }
    }
}
