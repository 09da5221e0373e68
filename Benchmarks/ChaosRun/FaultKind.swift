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
    case flappingHub = "flapping hubs"
    case lostReset = "lost answer: reset"
    case lostHang = "lost answer: hang"
    case lostGarble = "lost answer: garbled"
    case lostStatus500 = "lost answer: HTTP 500"
    case lostUnexecuted = "reset, not executed"

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
        case .flappingHub: "flapping-hubs"
        case .lostReset: "lost-reset"
        case .lostHang: "lost-hang"
        case .lostGarble: "lost-garble"
        case .lostStatus500: "lost-500"
        case .lostUnexecuted: "lost-unexecuted"
        }
    }

    /// For a lost-response fault: how the simulator loses the answer of the next write of a
    /// kind (place, cancel, modify or close, chosen by the schedule) of the order traffic.
    var lostMode: LostResponseMode? {
        switch self {
        case .lostReset: .reset
        case .lostHang: .hang
        case .lostGarble: .garble
        case .lostStatus500: .status500
        case .lostUnexecuted: .resetUnexecuted
        default: nil
        }
    }

    /// The kind of a lost-response fault of `mode`.
    static func losing(_ mode: LostResponseMode) -> FaultKind {
        switch mode {
        case .reset: .lostReset
        case .hang: .lostHang
        case .garble: .lostGarble
        case .status500: .lostStatus500
        case .resetUnexecuted: .lostUnexecuted
        }
    }

    /// Whether the fault takes the user hub away too, so that the account state is rebuilt.
    var disruptsUserHub: Bool { disruptsConnections && self != .feedStall }

    /// Whether the fault takes the hubs' data away, so that a recovery can be timed.
    var disruptsConnections: Bool {
        switch self {
        case .splitFrames, .batchedFrames, .largeFrames, .rateLimitBurst: false
        case .lostReset, .lostHang, .lostGarble, .lostStatus500, .lostUnexecuted: false
        default: true
        }
    }
}
