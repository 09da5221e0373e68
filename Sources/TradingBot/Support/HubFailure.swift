import Foundation
import Gateway

/// A gateway hub that could not deliver a stream: its first connection failed, it refused a
/// subscription, or it stopped for good while streaming.
///
/// ``ErrorPresenter`` turns it into the one error line; the hub URL never carries a token.
struct HubFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why the hub failed.
    enum Reason: Sendable, Equatable {
        /// The first connection failed with this hub error.
        case connectFailed(HubError)
        /// The first connection failed with an error that is not the hub's.
        case connectFailedOther(String)
        /// The hub refused to subscribe (`subscription` names what was asked for).
        case subscriptionRefused(subscription: String, message: String)
        /// The hub did not answer a subscribe in time (the SDK reconnects meanwhile).
        case subscriptionUnanswered(subscription: String, error: HubError)
        /// A subscription the stream needs was dropped after a reconnect refused it.
        case subscriptionLost(String)
        /// The hub stopped with this error while streaming.
        case stopped(String)
    }

    /// `market` or `user`.
    let hub: String
    /// The hub's URL (no token: the SDK adds it per connection).
    let url: URL
    let reason: Reason

    var description: String { "\(hub) hub at \(url.absoluteString): \(reason)" }
}
