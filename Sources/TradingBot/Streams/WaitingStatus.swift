import Foundation

/// What a stream's status line says while it waits for its first data, as a pure function of the
/// phase and the date.
///
/// ```swift
/// let waiting = WaitingStatus(hub: "market", subject: "ESZ6", item: "quote")
/// waiting.text(.connecting)   // "connecting to the market hub…"
/// waiting.text(.subscribed)   // "connected, subscribed to ESZ6; waiting for the first quote"
/// waiting.text(.quiet, at: saturday)
/// // "no data yet: the CME Globex session is closed until Sun 17:00 CT"
/// ```
struct WaitingStatus: Sendable, Equatable {
    enum Phase: Sendable, Equatable {
        /// The hub is being connected.
        case connecting
        /// The subscriptions are applied; no data yet.
        case subscribed
        /// Subscribed a while ago and still no data.
        case quiet
    }

    /// `market` or `user`.
    let hub: String
    /// What the stream is about: `ESZ6`, `MESZ6, ESZ6`, `account PRAC-V2-1`.
    let subject: String
    /// One data item, singular: `quote`, `trade`, `depth update`, `change`.
    let item: String

    func text(_ phase: Phase, at date: Date = Date()) -> String {
        switch phase {
        case .connecting:
            return "connecting to the \(hub) hub…"
        case .subscribed:
            return hub == "market"
                ? "connected, subscribed to \(subject); waiting for the first \(item)"
                : "connected, watching \(subject); waiting for the first \(item)"
        case .quiet:
            guard hub == "market" else { return "connected, watching \(subject); no \(item)s yet" }
            switch MarketSession.state(at: date) {
            case .closed(let opens):
                return "no data yet: the CME Globex session is closed until \(MarketSession.describe(opens))"
            case .open:
                return "market open; no \(item)s yet"
            }
        }
    }
}
