import Hummingbird
import NIOCore

/// A request context that knows the peer address (the admin endpoint only answers loopback
/// peers). The hub layer can use its own context type as long as it conforms.
public protocol PeerAwareRequestContext: RequestContext {
    /// The remote address of the connection, if known.
    var peerAddress: SocketAddress? { get }
    /// The connection the request came on (lost-response faults reset or hold it).
    var connection: any Channel { get }
}

/// The simulator's default request context.
public struct SimulatorRequestContext: PeerAwareRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let peerAddress: SocketAddress?
    public let connection: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.peerAddress = source.channel.remoteAddress
        self.connection = source.channel
    }
}

extension SocketAddress {
    /// True for 127.0.0.0/8, ::1 and IPv4-mapped loopback, and for Unix domain sockets.
    var isLoopback: Bool {
        switch self {
        case .unixDomainSocket: return true
        case .v4, .v6:
            guard let ip = ipAddress?.lowercased() else { return false }
            return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
        }
    }
}
