/// Why a gateway hub could not do what was asked, or why it is reconnecting or stopped.
///
/// ``MarketHub`` and ``UserHub`` throw it (from `start()`, `subscribe`, `unsubscribe`) and carry it
/// in ``HubStatus``, so that a program reacts to hub failures without importing the SignalR
/// layer. Switch on ``code``; show ``description`` (never contains a token).
///
/// ```swift
/// do {
///     try await market.subscribe(.quotes, "CON.F.US.EP.U25")
/// } catch let error as HubError where error.code == .refused {
///     print("the gateway refused it: \(error.message)")    // kept wanted and retried
/// } catch let error as HubError where error.code == .timedOut {
///     print("no answer in time; the hub reconnects and asks again")
/// }
/// ```
///
/// A struct with ``Code`` values rather than an enum, so that a new kind of failure does not
/// break a program's `switch` (which needs a `default:`).
public struct HubError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case refused, timedOut, authenticationFailed, httpStatus, connectFailed, protocolViolation
            case connectionLost, tokenUnavailable, staleFeed, loggedOut, reconnectRequested, stopped, invalidURL
        }

        private let value: Value

        private init(_ value: Value) { self.value = value }

        /// The server refused a hub method (a subscription to an unknown contract or a foreign
        /// account); ``HubError/message`` is its answer.
        public static let refused = Code(.refused)
        /// The server did not answer a hub method within ``HubOptions/invocationTimeout``. Its outcome
        /// is unknown, so the hub reconnects and applies its subscriptions anew.
        public static let timedOut = Code(.timedOut)
        /// The server refused the session token (HTTP 401/403 at negotiate or at the WebSocket
        /// upgrade) even after a fresh one; ``HubError/httpStatus`` and ``HubError/phase`` say where.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// Another unexpected HTTP status while connecting.
        public static let httpStatus = Code(.httpStatus)
        /// The connection could not be made: refused, unreachable, TLS, or too slow.
        public static let connectFailed = Code(.connectFailed)
        /// The server did not speak SignalR as the gateway does (handshake refused, bad message).
        public static let protocolViolation = Code(.protocolViolation)
        /// The connection ended: the socket closed, the server sent Close, or nothing arrived for
        /// the server timeout.
        public static let connectionLost = Code(.connectionLost)
        /// No session token could be had (the login failed); see the message.
        public static let tokenUnavailable = Code(.tokenUnavailable)
        /// The market feed was silent for the stale-feed window while connected and subscribed.
        public static let staleFeed = Code(.staleFeed)
        /// The gateway ended the session (`GatewayLogout`).
        public static let loggedOut = Code(.loggedOut)
        /// The program asked for a reconnect (`reconnect(reason:)`).
        public static let reconnectRequested = Code(.reconnectRequested)
        /// `stop()` was called while the hub was starting.
        public static let stopped = Code(.stopped)
        /// The hub URL cannot be used.
        public static let invalidURL = Code(.invalidURL)

        public var description: String { value.rawValue }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, in words; for ``Code/refused`` the server's own answer. Never contains a
    /// token.
    public let message: String
    /// The hub method concerned (``Code/refused``, ``Code/timedOut``).
    public let method: String?
    /// The HTTP status (``Code/authenticationFailed``, ``Code/httpStatus``).
    public let httpStatus: Int?
    /// The step of connecting that failed (`the WebSocket upgrade`, `the negotiate request`...).
    public let phase: String?

    public init(code: Code, message: String, method: String? = nil, httpStatus: Int? = nil, phase: String? = nil) {
        self.code = code
        self.message = message
        self.method = method
        self.httpStatus = httpStatus
        self.phase = phase
    }

    public var description: String {
        if code == .refused, let method { return "The server refused '\(method)': \(message)" }
        return message
    }
}
