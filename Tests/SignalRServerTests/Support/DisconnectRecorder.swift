import SignalRServer
import Synchronization

/// Records the connections a hub saw connect and disconnect, with the disconnect reasons.
final class DisconnectRecorder: Sendable {
    private let connected = Mutex([String]())
    private let disconnected = Mutex([(id: String, error: (any Error)?)]())

    init(_ hub: HubServer) {
        hub.onConnected { [self] connection in
            connected.withLock { $0.append(connection.connectionId) }
        }
        hub.onDisconnected { [self] connection, error in
            disconnected.withLock { $0.append((connection.connectionId, error)) }
        }
    }

    var connectedIds: [String] { connected.withLock { $0 } }
    var disconnectedIds: [String] { disconnected.withLock { $0.map(\.id) } }
    /// The reasons of the disconnects that had one.
    var errors: [any Error] { disconnected.withLock { $0.compactMap(\.error) } }
    var disconnectCount: Int { disconnected.withLock { $0.count } }
}
