import NIOConcurrencyHelpers
import NIOCore

/// The open connections of a server built with
/// `HTTPServerBuilder.http1WithHubs(_:configuration:connections:)`, so that whoever stops the
/// server can end the ones that would keep it from stopping.
///
/// Stopping a Hummingbird server waits for every connection it accepted to close. A connection
/// accepted as the server stops, or one that never sent a request and was never read, can stay
/// open (seen: clients that connect and close without a request left sockets in CLOSE-WAIT and
/// the server's shutdown never ended). Closing what is left after a grace period ends it.
///
/// ```swift
/// let connections = ServerConnections()
/// let app = Application(router: router, server: .http1WithHubs(upgrades, connections: connections))
/// // ... after cancelling the server:
/// connections.closeAll(after: .seconds(2))
/// ```
public final class ServerConnections: Sendable {
    private let open = NIOLockedValueBox<[ObjectIdentifier: any Channel]>([:])

    public init() {}

    /// How many connections are open now.
    public var count: Int { open.withLockedValue { $0.count } }

    /// Tracks `channel` until it closes.
    func add(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        open.withLockedValue { $0[key] = channel }
        channel.closeFuture.whenComplete { [open] _ in
            _ = open.withLockedValue { $0.removeValue(forKey: key) }
        }
    }

    /// Closes every connection still open.
    public func closeAll() {
        let channels = open.withLockedValue { Array($0.values) }
        for channel in channels { channel.close(promise: nil) }
    }

    /// Closes every connection still open after `grace`, unless the returned task is cancelled
    /// first (the server stopped by itself).
    @discardableResult
    public func closeAll(after grace: Duration) -> Task<Void, Never> {
        Task { [self] in
            do { try await Task.sleep(for: grace) } catch { return }
            closeAll()
        }
    }
}
