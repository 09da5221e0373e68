import Foundation
import Gateway

/// What a stream's events mean to the ``StreamRunner``.
enum StreamEventKind: Sendable, Equatable {
    /// Data for the renderer.
    case data
    /// Data may have been missed (`contractIds` empty on the user hub).
    case gap(contractIds: [String], reason: String)
    /// Every subscription is applied on a new connection.
    case live
}

/// A hub stream, opened: its events and status changes (created before subscribing, so that
/// nothing is missed) and its subscriptions.
struct OpenStream<Event: Sendable>: Sendable {
    let events: AsyncStream<Event>
    let statuses: AsyncStream<HubStatus>
    /// Applies the stream's subscriptions and returns once the hub has them (it is live), or
    /// after a few seconds; throws ``HubFailure`` when the hub refuses one.
    let subscribe: @Sendable () async throws -> Void
    /// Removes the stream's subscriptions (the hub stays connected for the next command).
    let unsubscribe: @Sendable () async -> Void
    /// Whether every subscription of the stream is still wanted by the hub (a reconnect can drop
    /// one the server refuses).
    let isSubscribed: @Sendable () async -> Bool
}

/// The hub side of a streaming command: which hub, which subscriptions, what its events mean.
protocol StreamSource: Sendable {
    associatedtype Event: Sendable

    /// `market` or `user`.
    var hubName: String { get }

    /// The hub's URL, for failure messages.
    var hubURL: URL { get }

    /// Connects the hub if needed and opens a stream on it.
    func open() async throws -> OpenStream<Event>

    /// How the runner treats `event`.
    static func kind(of event: Event) -> StreamEventKind
}
