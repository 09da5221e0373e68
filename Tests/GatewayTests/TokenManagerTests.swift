import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import Gateway
import TestGate

/// A token source that counts calls and can be slowed down or made to fail.
final class ScriptedTokenSource: TokenIssuer {
    struct Counts: Sendable { var logins = 0; var validations = 0 }
    private let counts = NIOLockedValueBox(Counts())
    private let lifetime: TimeInterval
    private let delay: Duration
    private let validateRenews: Bool
    private let loginFails = NIOLockedValueBox(false)

    init(lifetime: TimeInterval = 3600, delay: Duration = .milliseconds(50), validateRenews: Bool = true) {
        self.lifetime = lifetime
        self.delay = delay
        self.validateRenews = validateRenews
    }

    var snapshot: Counts { counts.withLockedValue { $0 } }
    func failLogins(_ fail: Bool) { loginFails.withLockedValue { $0 = fail } }

    func login() async throws -> String {
        counts.withLockedValue { $0.logins += 1 }
        try await Task.sleep(for: delay)
        if loginFails.withLockedValue({ $0 }) { throw GatewayError.loginFailed(code: 3, meaning: "InvalidCredentials", message: nil) }
        return TestJWT.make(exp: Date().addingTimeInterval(lifetime))
    }

    func validate(_ token: String) async throws -> GatewayAuthenticator.ValidateOutcome {
        counts.withLockedValue { $0.validations += 1 }
        try await Task.sleep(for: delay)
        return validateRenews ? .renewed(TestJWT.make(exp: Date().addingTimeInterval(lifetime))) : .refused("error 1 InvalidSession")
    }
}

@Suite("Token manager", .gated)
struct TokenManagerTests {
    @Test func concurrentCallersShareOneLogin() async throws {
        let source = ScriptedTokenSource()
        let manager = TokenManager(source: source)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await manager.validToken() } }
            var all: [String] = []
            for try await token in group { all.append(token) }
            return all
        }
        #expect(Set(tokens).count == 1)
        #expect(source.snapshot.logins == 1)
        #expect(await manager.statistics.refreshes == 1)
    }

    @Test func rejectedTokenIsReplacedByOneLoginForManyCallers() async throws {
        let source = ScriptedTokenSource()
        let manager = TokenManager(source: source)
        let first = try await manager.validToken()
        await manager.tokenRejected(first)
        await manager.tokenRejected(first)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await manager.validToken() } }
            var all: [String] = []
            for try await token in group { all.append(token) }
            return all
        }
        #expect(Set(tokens).count == 1)
        #expect(tokens[0] != first)
        #expect(source.snapshot.logins == 2)
        #expect(source.snapshot.validations == 0, "a refused token is not validated; it is replaced by a login")
        #expect(await manager.statistics.rejectionsReported == 1)
    }

    @Test func tokenNearExpiryIsValidatedFirst() async throws {
        let clock = NIOLockedValueBox(Date())
        let source = ScriptedTokenSource(lifetime: 3600)
        let manager = TokenManager(source: source, now: { clock.withLockedValue { $0 } })
        let first = try await manager.validToken()
        clock.withLockedValue { $0 = $0.addingTimeInterval(3600 - 60) }
        let second = try await manager.validToken()
        #expect(second != first)
        #expect(source.snapshot.validations == 1)
        #expect(source.snapshot.logins == 1)
    }

    @Test func validateRefusalFallsBackToLogin() async throws {
        let clock = NIOLockedValueBox(Date())
        let source = ScriptedTokenSource(lifetime: 3600, validateRenews: false)
        let manager = TokenManager(source: source, now: { clock.withLockedValue { $0 } })
        _ = try await manager.validToken()
        clock.withLockedValue { $0 = $0.addingTimeInterval(3590) }
        _ = try await manager.validToken()
        #expect(source.snapshot.validations == 1)
        #expect(source.snapshot.logins == 2)
    }

    @Test func loginFailureReachesEveryWaiterAndTheNextAskRetries() async throws {
        let source = ScriptedTokenSource()
        source.failLogins(true)
        let manager = TokenManager(source: source)
        await #expect(throws: GatewayError.self) { try await manager.validToken() }
        source.failLogins(false)
        let token = try await manager.validToken()
        #expect(!token.isEmpty)
        #expect(source.snapshot.logins == 2)
    }
}
