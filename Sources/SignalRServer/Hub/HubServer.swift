import Logging
import NIOConcurrencyHelpers

/// A SignalR hub served over WebSockets with the JSON protocol, compatible with ASP.NET Core
/// clients: negotiate, handshake, dispatch of invocations to registered methods, events to one
/// connection, a group or everyone, keep-alive, client timeout, Close, an authentication hook, and
/// switches for faults.
///
/// Mount it next to REST routes on one Hummingbird application:
///
/// ```swift
/// let router = Router()
/// router.get("/api/status") { _, _ in "ok" }
///
/// let upgrades = HubUpgradeRouter()
/// let userHub = HubServer(name: "user", authenticator: verifyToken)
/// let marketHub = HubServer(name: "market", authenticator: verifyToken)
/// userHub.mount(at: "/hubs/user", on: router, upgrades: upgrades)
/// marketHub.mount(at: "/hubs/market", on: router, upgrades: upgrades)
///
/// marketHub.on("SubscribeContractQuotes") { call in
///     call.connection.addToGroup("quotes:" + (try call.argument(0, as: String.self)))
///     return nil
/// }
///
/// let app = Application(router: router, server: .http1WithHubs(upgrades),
///                       configuration: .init(address: .hostname("127.0.0.1", port: 8080)))
/// try await app.runService()
///
/// // elsewhere, as prices move:
/// marketHub.send("GatewayQuote", [contractId, quote], toGroup: "quotes:" + contractId)
/// ```
public final class HubServer: Sendable {
    /// A name for logs.
    public let name: String
    public let configuration: HubServerConfiguration
    let authenticator: HubAuthenticator?
    let logger: Logger
    let registry = ConnectionRegistry()
    let methods = NIOLockedValueBox(HubMethodTable())
    let hooks = NIOLockedValueBox(HubHooks())
    let faults = NIOLockedValueBox(HubFaultState())

    /// - Parameters:
    ///   - name: a name for logs.
    ///   - configuration: timings and limits.
    ///   - logger: where the hub logs; tokens and query strings are never logged.
    ///   - authenticator: called on every negotiate and upgrade; `nil` accepts everyone as
    ///     ``HubPrincipal/anonymous``.
    public init(
        name: String = "hub",
        configuration: HubServerConfiguration = HubServerConfiguration(),
        logger: Logger = Logger(label: "SignalRServer"),
        authenticator: HubAuthenticator? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.authenticator = authenticator
        var logger = logger
        logger[metadataKey: "signalr.hub"] = .string(name)
        self.logger = logger
    }

    /// The live connection with this id, if any.
    public func connection(id: String) -> HubConnectionContext? {
        registry.connection(id: id)
    }

    /// Every live (handshaken) connection.
    public var connections: [HubConnectionContext] {
        Array(registry.all().values)
    }

    /// The number of live connections.
    public var connectionCount: Int {
        registry.all().count
    }

    /// The ids of the connections in `group`.
    public func connectionIds(inGroup group: String) -> Set<String> {
        Set(registry.members(of: group).keys)
    }

    func method(named name: String) -> HubMethod? {
        methods.withLockedValue { $0.lookup(name) }
    }
}
