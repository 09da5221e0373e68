import GatewaySimulator

/// The faults the chaos run injects, each the way the simulator's fault injector offers it.
enum FaultKind: String, CaseIterable, Sendable {
    case tokenExpiry = "token expiry"
    case tokenRevoke = "token revoke"
    case socketDrop = "socket drop"
    case closeAllowReconnect = "close (allowReconnect)"
    case closeNoReconnect = "close (no reconnect)"
    case feedStall = "feed stall"
    case upgradeRefused = "401 on upgrades"
    case splitFrames = "split frames"
    case batchedFrames = "batched frames"
    case largeFrames = "1 MiB frames"
    case rateLimitBurst = "429 burst"

    /// The name `--kinds` takes: `token-expiry`, `feed-stall`, ...
    var option: String {
        switch self {
        case .tokenExpiry: "token-expiry"
        case .tokenRevoke: "token-revoke"
        case .socketDrop: "socket-drop"
        case .closeAllowReconnect: "close-reconnect"
        case .closeNoReconnect: "close-no-reconnect"
        case .feedStall: "feed-stall"
        case .upgradeRefused: "upgrade-401"
        case .splitFrames: "split-frames"
        case .batchedFrames: "batched-frames"
        case .largeFrames: "large-frames"
        case .rateLimitBurst: "429-burst"
        }
    }

    /// Whether the fault takes the hubs' data away, so that a recovery can be timed.
    var disruptsConnections: Bool {
        switch self {
        case .splitFrames, .batchedFrames, .largeFrames, .rateLimitBurst: false
        default: true
        }
    }
}
