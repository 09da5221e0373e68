import Foundation
import Logging

extension GatewayClient {
    /// Sends a write with `send`; when its response is lost, finds its real outcome by reading
    /// back (`write` says what to read) instead of sending it again.
    func confirm(_ write: AmbiguousWrite, send: () async throws -> Void) async throws -> WriteConfirmation {
        do {
            try await send()
            return .answered
        } catch GatewayError.outcomeUnknown(_, let reason) {
            let (finding, _) = try await reconcile(write, failure: reason)
            return .readBack(failure: reason, finding: finding)
        }
    }

    /// Drives a ``WriteResolver`` for `write`, whose response was lost because of `failure`.
    ///
    /// - Returns: what showed the write executed, and the order read back, if any.
    /// - Throws: ``GatewayError/notExecuted(endpoint:reason:finding:)`` when reading back shows
    ///   nothing was executed; ``GatewayError/outcomeUnknown(endpoint:reason:)`` when it could
    ///   not tell.
    func reconcile(_ write: AmbiguousWrite, failure: String) async throws -> (finding: String, order: Order?) {
        let endpoint = write.endpoint
        logger.warning(
            "A write failed ambiguously; reading back instead of sending it again.",
            metadata: ["endpoint": "\(endpoint)", "reason": "\(failure)"]
        )
        let clock = ContinuousClock()
        let start = clock.now
        var resolver = WriteResolver(write: write, policy: configuration.reconciliation)
        var action = resolver.start()
        while true {
            switch action {
            case .finish(.executed(let finding, let order)):
                logger.notice("The ambiguous write was executed.", metadata: ["endpoint": "\(endpoint)", "finding": "\(finding)"])
                return (finding, order)
            case .finish(.notExecuted(let finding)):
                logger.notice("The ambiguous write was not executed.", metadata: ["endpoint": "\(endpoint)", "finding": "\(finding)"])
                throw GatewayError.notExecuted(endpoint: endpoint, reason: failure, finding: finding)
            case .finish(.unknown(let finding)):
                logger.error("The outcome of the ambiguous write is still unknown.", metadata: ["endpoint": "\(endpoint)", "finding": "\(finding)"])
                throw GatewayError.outcomeUnknown(endpoint: endpoint, reason: "\(failure); \(finding)")
            case .lookUp(let delay):
                if delay > .zero {
                    do {
                        try await Task.sleep(for: delay)
                    } catch {
                        throw GatewayError.outcomeUnknown(endpoint: endpoint, reason: "\(failure); \(write.lookUpDescription) was interrupted")
                    }
                }
                let evidence = await lookUp(write)
                action = resolver.received(evidence, elapsed: clock.now - start)
            }
        }
    }

    /// One look-up for `write`; a failure becomes evidence too.
    private func lookUp(_ write: AmbiguousWrite) async -> WriteEvidence {
        do {
            switch write {
            case .place(let request, _, let sentAt):
                let from = sentAt.addingTimeInterval(-configuration.reconciliation.searchWindow.timeInterval)
                return .orders(try await orders(accountId: request.accountId, from: from))
            case .cancel(let accountId, let orderId):
                return try await readBack(accountId: accountId, orderId: orderId)
            case .modify(let modification):
                return try await readBack(accountId: modification.accountId, orderId: modification.orderId)
            case .close(let accountId, _, _, _):
                return .positions(try await openPositions(accountId: accountId))
            }
        } catch let error as GatewayError {
            return .failed(Self.shortReason(error))
        } catch {
            return .failed(String(describing: error))
        }
    }

    /// The order by id (`Order/searchById`), nil when the gateway has none. A gateway that does
    /// not serve `Order/searchById` (HTTP 404) is asked for the orders of the last
    /// ``orderReadBackFallbackWindow`` instead.
    private func readBack(accountId: Int, orderId: Int64) async throws -> WriteEvidence {
        do {
            return .order(try await order(accountId: accountId, orderId: orderId))
        } catch GatewayError.rejected(.searchOrderById, 1, _, _) {
            return .order(nil)
        } catch GatewayError.httpStatus(.searchOrderById, 404, _) {
            let recent = try await orders(accountId: accountId, from: Date().addingTimeInterval(-Self.orderReadBackFallbackWindow))
            if let order = recent.first(where: { $0.id == orderId }) { return .order(order) }
            return .failed("Order/searchById is not served, and order \(orderId) is not among the orders of the last 7 days")
        }
    }

    /// How far back `Order/search` looks for an order when `Order/searchById` is not served.
    static let orderReadBackFallbackWindow: TimeInterval = 7 * 86_400

    /// An error's description without its advice, for a finding.
    static func shortReason(_ error: GatewayError) -> String {
        switch error {
        case .unreachable(let endpoint, let reason): "\(endpoint): \(reason)"
        case .outcomeUnknown(let endpoint, let reason): "\(endpoint): \(reason)"
        default: error.description.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        }
    }
}
