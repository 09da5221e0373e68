import NIOConcurrencyHelpers

/// The WebSocket side of hub routing: which hub serves upgrades at which path. Hand the same
/// router to each hub's ``HubServer/mount(at:on:upgrades:)`` and to the server builder
/// `HTTPServerBuilder.http1WithHubs(_:configuration:)`.
///
/// ```swift
/// let upgrades = HubUpgradeRouter()
/// userHub.mount(at: "/hubs/user", on: router, upgrades: upgrades)
/// let app = Application(router: router, server: .http1WithHubs(upgrades))
/// ```
public final class HubUpgradeRouter: Sendable {
    private let hubs = NIOLockedValueBox([String: HubServer]())

    public init() {}

    /// Serves WebSocket upgrades at `path` with `hub` (replacing any hub at that path).
    public func add(_ hub: HubServer, at path: String) {
        let path = Self.normalize(path)
        hubs.withLockedValue { $0[path] = hub }
    }

    /// The hub at `path` (a trailing `/` is ignored).
    public func hub(at path: String) -> HubServer? {
        let path = Self.normalize(path)
        return hubs.withLockedValue { $0[path] }
    }

    /// `/`-prefixed, without a trailing `/`.
    static func normalize(_ path: String) -> String {
        var path = path.hasPrefix("/") ? path : "/" + path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
