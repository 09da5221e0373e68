import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// The fault-injection endpoint: `POST /admin/<group>/<action>` with an optional JSON body,
/// answered with the ``FaultSnapshot`` after the change. Refused with 403 unless the peer is
/// loopback.
///
/// | path | body | effect |
/// |---|---|---|
/// | `/admin/status` | | report only |
/// | `/admin/faults/reset` | | every switch off |
/// | `/admin/tokens/expire-all` | | every token expires now |
/// | `/admin/tokens/revoke-all` | | every token is revoked |
/// | `/admin/tokens/lifetime` | `seconds` | lifetime of new tokens |
/// | `/admin/auth/fail-validate` | `count` | next validates fail with errorCode 2 |
/// | `/admin/feed/stall`, `/admin/feed/resume` | | silent feed freeze |
/// | `/admin/feed/step` | `steps` | advance the market by hand |
/// | `/admin/market/price` | `contractId`, `price` | move a market at once |
/// | `/admin/market/closed` | `closed` | placements fail with OutsideTradingHours |
/// | `/admin/rate-limit/burst` | `count`, `seconds` | forced 429s |
/// | `/admin/hubs/drop` | `hub` | TCP drop (hub layer) |
/// | `/admin/hubs/close` | `hub`, `allowReconnect`, `error` | SignalR Close (hub layer) |
/// | `/admin/hubs/refuse-upgrades` | `count` | next WebSocket upgrades get 401 |
/// | `/admin/hubs/refuse-subscriptions` | `count`, `hub` | next `Subscribe…` calls get a hub error |
/// | `/admin/hubs/frames` | `mode` (normal/split/fragment/batch), `maxFrameBytes`, `messagesPerFrame` | framing |
/// | `/admin/hubs/large-depth` | `bytes` (0 or missing: off) | oversized depth frames |
/// | `/admin/hubs/drop-new` | `hub` (`none`: off) | every new hub connection dropped after its handshake |
/// | `/admin/hubs/subscription-delay` | `seconds` (0 or missing: off) | `Subscribe…` answered that late |
/// | `/admin/writes/lose-response` | `kind` (place/cancel/modify/close), `mode` (reset/hang/garble/status500/reset-unexecuted), `count` (default 1; 0 disarms), `seconds` (hang time) | the next writes lose their answer |
public struct AdminAPI<Context: PeerAwareRequestContext>: Sendable {
    /// The simulator's parts.
    public let core: SimulatorCore

    /// Creates the admin API.
    public init(core: SimulatorCore) { self.core = core }

    private typealias Action = @Sendable (AdminRequest) async -> AdminError?

    /// Registers every admin route on `router`.
    public func register(on router: Router<Context>) {
        let faults = core.faults
        let core = core
        let actions: [(String, Action)] = [
            ("status", { _ in nil }),
            ("faults/reset", { _ in await faults.reset(); return nil }),
            ("tokens/expire-all", { _ in await faults.expireAllTokens(); return nil }),
            ("tokens/revoke-all", { _ in await faults.revokeAllTokens(); return nil }),
            ("tokens/lifetime", { body in
                // Bounded: the lifetime becomes a JWT `exp` integer, and 1e300 seconds would trap there.
                guard let seconds = body.seconds, seconds > 0, seconds <= 315_360_000 else {
                    return AdminError(message: "seconds must be above 0 and at most 315360000 (ten years)")
                }
                await faults.setTokenLifetime(seconds)
                return nil
            }),
            ("auth/fail-validate", { body in faults.failNextValidations(min(max(body.count ?? 1, 0), 1_000_000)); return nil }),
            ("feed/stall", { _ in faults.stallFeed(); return nil }),
            ("feed/resume", { _ in faults.resumeFeed(); return nil }),
            ("feed/step", { body in await core.advanceMarket(steps: min(max(body.steps ?? 1, 1), 100_000)); return nil }),
            ("market/price", { body in
                guard let contractId = body.contractId, let price = body.price,
                      await core.setMarketPrice(contractId: contractId, price: price)
                else { return AdminError(message: "contractId must be a simulated contract and price on its tick grid") }
                return nil
            }),
            ("market/closed", { body in await faults.setMarketClosed(body.closed ?? true); return nil }),
            ("rate-limit/burst", { body in
                guard body.count != nil || body.seconds != nil else { return AdminError(message: "count or seconds required") }
                if let seconds = body.seconds, !(seconds > 0 && seconds <= 86_400) { return AdminError(message: "seconds must be above 0 and at most 86400") }
                if let count = body.count, !(0...1_000_000).contains(count) { return AdminError(message: "count must be between 0 and 1000000") }
                faults.injectRateLimitBurst(requests: body.count, duration: body.seconds)
                return nil
            }),
            ("hubs/drop", { body in
                switch body.hubSelector() {
                case .failure(let error): return error
                case .success(let hub): faults.send(.dropConnections(hub)); return nil
                }
            }),
            ("hubs/close", { body in
                switch body.hubSelector() {
                case .failure(let error): return error
                case .success(let hub):
                    faults.send(.close(hub, allowReconnect: body.allowReconnect ?? true, error: body.error))
                    return nil
                }
            }),
            ("hubs/refuse-upgrades", { body in faults.refuseNextUpgrades(min(max(body.count ?? 1, 0), 1_000_000)); return nil }),
            ("hubs/refuse-subscriptions", { body in
                switch body.hubSelector() {
                case .failure(let error): return error
                case .success(let hub): faults.refuseNextSubscriptions(min(max(body.count ?? 1, 0), 1_000_000), on: hub); return nil
                }
            }),
            ("hubs/frames", { body in
                switch body.mode?.lowercased() ?? "normal" {
                case "normal": faults.setFrameMode(.normal)
                case "split": faults.setFrameMode(.split(maxFrameBytes: min(max(1, body.maxFrameBytes ?? 16), 64 << 20)))
                case "fragment": faults.setFrameMode(.fragment(maxFrameBytes: min(max(1, body.maxFrameBytes ?? 16), 64 << 20)))
                case "batch": faults.setFrameMode(.batch(messagesPerFrame: min(max(2, body.messagesPerFrame ?? 4), 100_000)))
                default: return AdminError(message: "mode must be normal, split, fragment or batch")
                }
                return nil
            }),
            ("writes/lose-response", { body in
                let kinds = WriteKind.allCases.map(\.rawValue).joined(separator: ", ")
                let modes = LostResponseMode.allCases.map(\.rawValue).joined(separator: ", ")
                guard let kind = body.kind.flatMap({ WriteKind(rawValue: $0.lowercased()) }) else {
                    return AdminError(message: "kind must be one of \(kinds)")
                }
                guard let mode = body.mode.flatMap({ LostResponseMode(rawValue: $0.lowercased()) }) else {
                    return AdminError(message: "mode must be one of \(modes)")
                }
                let count = body.count ?? 1
                guard count >= 0 else { return AdminError(message: "count must be 0 (disarm) or more") }
                if let seconds = body.seconds, !(seconds > 0 && seconds <= 3_600) { return AdminError(message: "seconds (the hang time) must be above 0 and at most 3600") }
                faults.loseResponses(of: kind, mode: mode, count: count, hangSeconds: body.seconds ?? LostResponseSwitch.defaultHangSeconds)
                return nil
            }),
            ("hubs/large-depth", { body in
                let bytes = body.bytes ?? 0
                faults.setOversizedDepthFrames(bytes: bytes > 0 ? bytes : nil)
                return nil
            }),
            ("hubs/drop-new", { body in
                if body.hub?.lowercased() == "none" {
                    faults.dropNewHubConnections(nil)
                    return nil
                }
                switch body.hubSelector() {
                case .failure(let error): return error
                case .success(let hub): faults.dropNewHubConnections(hub); return nil
                }
            }),
            ("hubs/subscription-delay", { body in
                let seconds = body.seconds ?? 0
                guard seconds >= 0, seconds <= 3_600 else { return AdminError(message: "seconds must be between 0 (off) and 3600") }
                faults.delaySubscriptionAnswers(by: seconds > 0 ? .milliseconds(Int64((seconds * 1000).rounded())) : nil)
                return nil
            }),
        ]
        for (path, action) in actions {
            router.post(RouterPath("/admin/" + path)) { request, context in
                await handle(request, context: context, action: action)
            }
        }
    }

    /// Why a loopback request must still be refused: a web page in the developer's browser can
    /// post to 127.0.0.1 (a cross-origin form), or reach it under its own name after DNS rebinding.
    /// So the `Host` must name this machine, and an `Origin`, when sent (browsers send one with
    /// every cross-origin POST), must be a loopback origin too. Tools (curl, tests) send no Origin.
    static func browserRefusal(host: String?, origin: String?) -> String? {
        guard let host, isLoopback(hostAndPort: host) else {
            return "The admin endpoint answers only requests addressed to a loopback host (Host: \(host ?? "missing"))."
        }
        if let origin {
            let authority = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
            guard origin.lowercased().hasPrefix("http://"), isLoopback(hostAndPort: authority) else {
                return "The admin endpoint refuses cross-origin requests (Origin: \(origin))."
            }
        }
        return nil
    }

    /// Whether `hostAndPort` (`127.0.0.1:5000`, `localhost`, `[::1]:80`) names this machine.
    static func isLoopback(hostAndPort: String) -> Bool {
        var host = hostAndPort.lowercased()
        if host.hasPrefix("[") {
            host = String(host.dropFirst().prefix { $0 != "]" })
            return host == "::1"
        }
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host == "localhost" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    private func handle(_ request: Request, context: Context, action: Action) async -> Response {
        guard context.peerAddress?.isLoopback == true else {
            core.logger.warning("admin call refused from non-loopback peer", metadata: ["peer": .string(context.peerAddress?.description ?? "unknown")])
            return WireResponse.json(AdminError(message: "The admin endpoint only answers loopback peers."), status: .forbidden)
        }
        if let refusal = Self.browserRefusal(host: request.head.authority, origin: request.headers[.origin]) {
            core.logger.warning("admin call refused", metadata: ["reason": .string(refusal)])
            return WireResponse.json(AdminError(message: refusal), status: .forbidden)
        }
        let data: Data
        do {
            data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        } catch {
            return WireResponse.json(AdminError(message: "The body is too large."), status: .badRequest)
        }
        let body: AdminRequest
        switch AdminRequest.parse(data) {
        case .failure(let error): return WireResponse.json(error, status: .badRequest)
        case .success(let parsed): body = parsed
        }
        if let error = await action(body) { return WireResponse.json(error, status: .badRequest) }
        core.logger.info("admin \(request.uri.path)")
        return WireResponse.json(await core.faults.snapshot())
    }
}
