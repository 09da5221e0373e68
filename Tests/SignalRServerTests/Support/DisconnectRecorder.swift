import SignalRServer
import NIOConcurrencyHelpers

/// Records the connections a hub saw connect and disconnect, with the disconnect reasons.
final class DisconnectRecorder: Sendable {
    private let connected = NIOLockedValueBox([String]())
    private let disconnected = NIOLockedValueBox([(id: String, error: (any Error)?)]())

    init(_ hub: HubServer) {
        hub.onConnected { [self] connection in
            connected.withLockedValue { $0.append(connection.connectionId) }
        }
        hub.onDisconnected { [self] connection, error in
            disconnected.withLockedValue { $0.append((connection.connectionId, error)) }
        }
    }

    var connectedIds: [String] { connected.withLockedValue { $0 } }
    var disconnectedIds: [String] { disconnected.withLockedValue { $0.map(\.id) } }
    /// The reasons of the disconnects that had one.
    var errors: [any Error] { disconnected.withLockedValue { $0.compactMap(\.error) } }
    var disconnectCount: Int { disconnected.withLockedValue { $0.count } }
}
