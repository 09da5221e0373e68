import Foundation
import GatewaySimulator
import Testing
import TestGate

/// Streams across the faults that end a hub connection: a token that expires while quotes flow
/// (by fault, and by a short lifetime from the start) and a dropped connection. The stream must
/// report the gap, reconnect by itself (with a fresh token) and go on to its count, exit 0.
@Suite("Streams that recover", .gated)
struct StreamRecoveryTests {
    /// Reads a `quote --json` stream until it ends; the records by type, in order.
    static func records(_ process: StreamingProcess, afterQuotes: Int, then fault: @Sendable () async -> Void) async throws -> [[String: Any]] {
        var records: [[String: Any]] = []
        var faulted = false
        while let line = await process.nextLine() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            records.append(object)
            if !faulted, records.filter({ $0["type"] as? String == "quote" }).count >= afterQuotes {
                faulted = true
                await fault()
            }
        }
        return records
    }

    static func types(_ records: [[String: Any]]) -> [String] {
        records.compactMap { $0["type"] as? String }
    }

    @Test func aTokenExpiringMidStreamIsAGapAndTheStreamGoesOn() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            // 40 quotes at ~40 ms each leave the fault, injected after the third, time to land before
            // the stream ends even on a loaded machine (with 10, a CI run once got all of them first).
            let quote = try StreamingProcess.start(["quote", "MES", "--json", "--count", "40"], environment: sim.environment)
            let records = try await Self.records(quote, afterQuotes: 3) { await sim.simulator.faults.expireAllTokens() }
            #expect(await quote.exitStatus() == 0)
            #expect(await quote.remainingErrors().isEmpty)
            let types = Self.types(records)
            #expect(types.filter { $0 == "quote" }.count == 40, "\(types)")
            let gap = try #require(types.firstIndex(of: "gap"), "no gap reported: \(types)")
            #expect(types[gap...].contains("quote"), "no quote after the gap: \(types)")
            #expect(types.filter { $0 == "gap" }.count == 1, "one loss, one gap: \(types)")
            let gapRecord = records[gap]
            #expect(gapRecord["hub"] as? String == "market")
            #expect(gapRecord["contractIds"] as? [String] == [try sim.contractId("MES")])
            let statuses = records.filter { $0["type"] as? String == "status" }.compactMap { $0["status"] as? String }
            #expect(statuses.first == "reconnecting", "\(statuses)")
            #expect(statuses.last == "live", "\(statuses)")
            // The old token was refused and replaced: exactly one more token exists.
            #expect(await sim.simulator.core.tokens.liveTokenCount == 2)
        }
    }

    @Test func aDroppedHubIsAGapAndTheStreamGoesOn() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let quote = try StreamingProcess.start(["quote", "MES", "--json", "--count", "8"], environment: sim.environment)
            let records = try await Self.records(quote, afterQuotes: 2) { sim.simulator.faults.send(.dropConnections(.all)) }
            #expect(await quote.exitStatus() == 0)
            let types = Self.types(records)
            let gap = try #require(types.firstIndex(of: "gap"), "no gap reported: \(types)")
            #expect(types[gap...].contains("quote"), "\(types)")
            #expect(types.filter { $0 == "quote" }.count == 8)
            #expect(String(describing: records[gap]["reason"] ?? "").hasPrefix("connection lost"), "\(records[gap])")
            // Same token: no new login was needed.
            #expect(await sim.simulator.core.tokens.liveTokenCount == 1)
        }
    }

    @Test func aDroppedHubInHumanFormIsReportedOnStderr() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let quote = try StreamingProcess.start(["quote", "MES", "--count", "6"], environment: sim.environment)
            var seen: [String] = []
            _ = await quote.line(where: { $0.contains("MESZ6") }, seen: &seen)
            _ = await quote.line(where: { $0.contains("MESZ6") }, seen: &seen)
            sim.simulator.faults.send(.dropConnections(.market))
            let rest = await quote.remainingLines()
            #expect(await quote.exitStatus() == 0)
            #expect((seen + rest).filter { $0.contains("MESZ6") }.count == 6)
            let errors = await quote.remainingErrors()
            #expect(errors.contains { $0.hasPrefix("market hub: gap in MESZ6 (connection lost") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("market hub: reconnecting: ") }, "\(errors)")
            #expect(errors.contains("market hub: live again (1 subscription restored)."), "\(errors)")
            #expect(!errors.contains { $0.contains("eyJ") }, "a token leaked: \(errors)")
        }
    }

    @Test func aTokenAboutToExpireAtStartIsRenewedAndTheStreamGoesOn() async throws {
        try await SimulatorHarness.with({ configuration in
            StreamingSimulator.configure(&configuration)
            configuration.tokenLifetime = 2
        }) { sim in
            // Every token lives 2 s, so the client starts near expiry and its token runs out at
            // least once while the stream runs (about 4 s).
            let quote = try StreamingProcess.start(["quote", "MES", "--json", "--count", "35"], environment: sim.environment)
            let records = try await Self.records(quote, afterQuotes: .max) {}
            #expect(await quote.exitStatus() == 0, "\(Self.types(records))")
            #expect(await quote.remainingErrors().isEmpty)
            let types = Self.types(records)
            #expect(types.filter { $0 == "quote" }.count == 35)
            #expect(types.last == "quote")
            // The client took new tokens (renewal or login) as the old ones expired.
            #expect(await sim.simulator.core.tokens.liveTokenCount >= 2)
            if let gap = types.firstIndex(of: "gap") {
                #expect(types[gap...].contains("quote"), "\(types)")
            }
        }
    }
}
