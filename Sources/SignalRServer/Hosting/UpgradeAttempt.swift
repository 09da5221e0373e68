import Hummingbird
import NIOConcurrencyHelpers

/// Carries the hub's verdict on one upgrade request from the (asynchronous) admission to the
/// pipeline step that acts on it, and frees an admitted id if the socket never starts.
final class UpgradeAttempt: Sendable {
    private enum State {
        case undecided
        case admitted(ConnectionSeed)
        case rejected(HTTPResponse.Status)
        case used
    }

    private let state = NIOLockedValueBox(State.undecided)

    init() {}

    func record(_ admission: UpgradeAdmission) {
        state.withLockedValue { state in
            switch admission {
            case .accept(let seed): state = .admitted(seed)
            case .reject(let status): state = .rejected(status)
            }
        }
    }

    /// The admitted seed, once; later calls return `nil`.
    func takeAdmitted() -> ConnectionSeed? {
        state.withLockedValue { state in
            guard case .admitted(let seed) = state else { return nil }
            state = .used
            return seed
        }
    }

    /// The rejection status, if the hub refused.
    var rejection: HTTPResponse.Status? {
        state.withLockedValue { state in
            guard case .rejected(let status) = state else { return nil }
            return status
        }
    }
}
