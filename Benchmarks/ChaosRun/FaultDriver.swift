import Foundation
import Gateway
import GatewaySimulator
import NIOConcurrencyHelpers

/// What happened after one fault.
struct FaultOutcome: Sendable {
    var recovered: Bool
    /// From injection (for a stall: from the feed's resumption) to data flowing again on every
    /// contract over a new, fully restored connection. Only for faults that take connections away.
    var recoveryTime: Duration?
    var hungInvocations: Int
    var note: String?
    /// For a flapping hub: connection attempts the hubs made while every new one was dropped,
    /// and for how long.
    var flapping: (attempts: Int, window: Duration)?
}

/// Injects one fault into the simulator and watches the client recover from it.
struct FaultDriver: Sendable {
    let simulator: GatewaySimulator
    let client: GatewayClient
    let market: MarketHub
    let user: UserHub
    let observer: ChaosObserver
    let staleWindow: Double
    let recoveryTimeout: Double
    /// A contract outside the streamed set, subscribed and unsubscribed by the invocation probe.
    let probeContractId: String

    /// Injects `kind`; a feed stall lasts `stallWindows` stale-feed windows.
    func inject(_ kind: FaultKind, stallWindows: Double = 1.5) async -> FaultOutcome {
        let faults = simulator.faults
        let injected = ContinuousClock.now
        var measureFrom = injected
        var flapping: (attempts: Int, window: Duration)?
        switch kind {
        case .tokenExpiry: await faults.expireAllTokens()
        case .tokenRevoke: await faults.revokeAllTokens()
        case .socketDrop: faults.send(.dropConnections(.all))
        case .closeAllowReconnect: faults.send(.close(.all, allowReconnect: true, error: "chaos: server restarting"))
        case .closeNoReconnect: faults.send(.close(.all, allowReconnect: false, error: "chaos: server going away"))
        case .upgradeRefused:
            faults.refuseNextUpgrades(2)
            faults.send(.dropConnections(.all))
        case .feedStall:
            faults.stallFeed()
            try? await Task.sleep(for: .milliseconds(Int(staleWindow * stallWindows * 1000)))
            faults.resumeFeed()
            measureFrom = ContinuousClock.now
        case .splitFrames: faults.setFrameMode(.split(maxFrameBytes: 61))
        case .batchedFrames: faults.setFrameMode(.batch(messagesPerFrame: 7))
        case .largeFrames: faults.setOversizedDepthFrames(bytes: 1 << 20)
        case .rateLimitBurst: faults.injectRateLimitBurst(requests: 3, duration: nil)
        case .flappingHub:
            // Both hubs accept and drop every new connection for a while: the reconnect policy
            // must back off (a connection that dies at once counts as a failure), not storm.
            let before = faults.hubTimingFaults.droppedConnectionCount
            faults.dropNewHubConnections(.all)
            faults.send(.dropConnections(.all))
            try? await Task.sleep(for: Self.flappingWindow)
            faults.dropNewHubConnections(nil)
            flapping = (faults.hubTimingFaults.droppedConnectionCount - before, Self.flappingWindow)
            measureFrom = ContinuousClock.now
        case .lostReset, .lostHang, .lostGarble, .lostStatus500, .lostUnexecuted:
            // Armed through the order traffic (see OrderTraffic.queueLostResponse), never here.
            return FaultOutcome(recovered: false, recoveryTime: nil, hungInvocations: 0, note: "a lost-answer fault reached the hub fault driver")
        }

        // An invocation racing the fault must complete one way or the other, never hang.
        let (hung, hungProbes) = await probeInvocations()

        if kind.disruptsConnections {
            let measureFrom = measureFrom
            let recovered = (try? await waitUntil(seconds: recoveryTimeout) {
                let live = observer.lastLive
                guard let marketLive = live.market, marketLive > injected else { return false }
                // A stalled feed concerns the market hub only; every other fault takes both down.
                if kind != .feedStall {
                    guard let userLive = live.user, userLive > injected else { return false }
                }
                return observer.allContractsFlowing(since: max(marketLive, measureFrom))
            }) ?? false
            let time = recovered ? ContinuousClock.now - measureFrom : nil
            var outcome = FaultOutcome(recovered: recovered, recoveryTime: time, hungInvocations: hung,
                                       note: recovered ? hungProbes : "no recovery within \(recoveryTimeout) s: market \(market.status), user \(user.status)")
            outcome.flapping = flapping
            if let flapping, flapping.attempts > Self.flappingAttemptLimit {
                outcome.recovered = false
                outcome.note = "a storm: \(flapping.attempts) connection attempts in \(flapping.window) while every one was dropped (limit \(Self.flappingAttemptLimit))"
            }
            return outcome
        }

        var recovered: Bool
        var note: String?
        switch kind {
        case .rateLimitBurst:
            do {
                _ = try await client.accounts()
                recovered = true
            } catch {
                recovered = false
                note = "a read did not absorb the 429 burst: \(error)"
            }
        default:
            recovered = (try? await waitUntil(seconds: recoveryTimeout) { observer.allContractsFlowing(since: injected) }) ?? false
            if !recovered { note = "data stopped flowing under \(kind.rawValue)" }
        }
        faults.setFrameMode(.normal)
        faults.setOversizedDepthFrames(bytes: nil)
        return FaultOutcome(recovered: recovered, recoveryTime: nil, hungInvocations: hung, note: note ?? hungProbes)
    }

    /// How long the hubs drop every new connection in a flapping fault.
    static let flappingWindow: Duration = .seconds(3)

    /// The most connection attempts both hubs together may make in ``flappingWindow``: the run's
    /// policy (50 ms doubling to 1 s, each attempt a failure) allows about 7 per hub; a storm (a
    /// lost connection restarting the backoff at zero) makes hundreds.
    static let flappingAttemptLimit = 24

    /// Subscribes and unsubscribes a spare stream, and makes a REST read, each of which must
    /// finish (successfully or not) within 10 s.
    /// - Returns: how many hung, and which (nil when none).
    private func probeInvocations() async -> (Int, String?) {
        let market = self.market
        let client = self.client
        let contract = probeContractId
        let probes: [(String, @Sendable () async -> Void)] = [
            ("market subscribe/unsubscribe", {
                try? await market.subscribe(.quotes, contract)
                try? await market.unsubscribe(.quotes, contract)
            }),
            ("REST read (Account/search)", { _ = try? await client.accounts() }),
        ]
        var hung: [String] = []
        for (name, probe) in probes {
            let done = DoneFlag()
            let task = Task {
                await probe()
                done.set()
            }
            let finished = (try? await waitUntil(seconds: 10) { done.isSet }) ?? false
            if !finished {
                hung.append(name)
                task.cancel()
            }
        }
        return (hung.count, hung.isEmpty ? nil : "did not finish within 10 s: " + hung.joined(separator: ", "))
    }
}

/// A flag set once from another task.
final class DoneFlag: Sendable {
    private let value = NIOLockedValueBox(false)
    func set() { value.withLockedValue { $0 = true } }
    var isSet: Bool { value.withLockedValue { $0 } }
}
