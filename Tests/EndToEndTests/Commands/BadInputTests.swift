import Foundation
import Testing
import TestGate

/// Every numeric option fed the values that used to trap (a `Double` or `Int` conversion of an
/// outside value ends in SIGILL): `nan`, `inf`, `-0`, `1e300`, huge integers, and empty or oversized
/// strings. Each is a usage error (64) that names the flag, or, for values that are valid but
/// absurd, a clean answer; never a crash (a status of 128 or more is a signal).
@Suite("Bad input never traps", .gated)
struct BadInputTests {
    static let huge = "9223372036854775807"
    static let place = ["order", "place", "--account", "1", "--contract", "ES", "--side", "buy", "--size", "1"]

    /// Arguments and the flag the error must name.
    static let usageErrors: [([String], String)] = [
        (["orders", "--account", "1", "--status", "open", "--page", huge], "--page"),
        (["orders", "--account", "1", "--status", "open", "--page", "99999999999999999999"], "--page"),
        (["orders", "--account", "1", "--status", "open", "--page-size", "-0"], "--page-size"),
        (["bars", "ES", "--unit", "minute", "--unit-number", huge], "--unit-number"),
        (["bars", "ES", "--unit", "minute", "--count", "1e300"], "--count"),
        (["quote", "ES", "--count", "-1"], "--count"),
        (["depth", "ES", "--levels", huge], "--levels"),
        (["simulator", "--token-ttl", "inf"], "--token-ttl"),
        (["simulator", "--token-ttl", "nan"], "--token-ttl"),
        (["simulator", "--token-ttl", "1e300"], "--token-ttl"),
        (["simulator", "--token-ttl", "-0"], "--token-ttl"),
        (["simulator", "--rate", "nan"], "--rate"),
        (["simulator", "--rate", "inf"], "--rate"),
        (["simulator", "--max-bars", huge], "--max-bars"),
        (["simulator", "--refuse-upgrades", huge], "--refuse-upgrades"),
        (["simulator", "--split-frames", huge], "--split-frames"),
        (["simulator", "--large-depth", huge], "--large-depth"),
        (["simulator", "--port", huge], "--port"),
        (["simulator", "--user", ""], "--user"),
        (place + ["--type", "limit", "--limit", "nan"], "--limit"),
        (place + ["--type", "limit", "--limit", "inf"], "--limit"),
        (place + ["--type", "market", "--stop-loss-ticks", huge], "--stop-loss-ticks"),
        (place + ["--type", "market", "--take-profit-ticks", "-9223372036854775808"], "--take-profit-ticks"),
        (place + ["--type", "market", "--max-order-size", huge], "--max-order-size"),
        (["order", "modify", "--account", "1", "7", "--limit", "nan"], "--limit"),
    ]

    @Test(arguments: usageErrors)
    func usageErrorNamesTheFlag(arguments: [String], flag: String) async throws {
        let result = try await ProcessRunner.run(arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"])
        #expect(result.status == 64, "\(arguments): \(result)")
        #expect(result.stderr.contains(flag), "\(arguments): \(result.stderr)")
    }

    @Test("absurd but well-formed values against a gateway: clean answers, no crash")
    func absurdValuesAgainstTheSimulator() async throws {
        try await SimulatorHarness.with { sim in
            let long = String(repeating: "E", count: 100_000)
            for arguments in [["contracts", "search", long], ["contracts", "show", ""], ["accounts", "--json"], ["positions", "--account", long]] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment)
                #expect(result.status < 128, "\(arguments.map { $0.prefix(20) }): \(result.status)")
                #expect(result.status == 0 || !result.stderr.isEmpty, "a failure says why: \(result.stderr.prefix(300))")
            }
            let close = try await ProcessRunner.run(
                ["close", "--account", String(SimulatorHarness.practice.id), "--contract", "MES", "--size", Self.huge], environment: sim.environment)
            #expect(close.status == 64 && close.stderr.contains("--size"), "\(close)")

            try sim.writeConfig(#"{"maxOrderSize": 1e300}"#)
            let config = try await ProcessRunner.run(Self.place + ["--type", "market", "--yes"], environment: sim.environment)
            #expect(config.status == 78 || config.status == 64, "\(config)")
            #expect(config.stderr.contains("maxOrderSize"), "\(config.stderr)")
        }
    }
}
